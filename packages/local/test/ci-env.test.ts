import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";

// .ci/env is the quickstart's first word; these tests run a copy of it against stand-in node, pnpm, npm, apt-get
// and python3 in a throwaway HOME, so they check what it prints and runs without installing anything.
const CI_ENV = fileURLToPath(new URL("../../../.ci/env", import.meta.url));
// What npm 11.19.1 printed on `npm install --global node@24 pnpm@12` (2026-12-07), whose scripts it still ran.
const NPM_WARNINGS = `npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:
npm warn install-scripts   node@24.21.0 (preinstall: node installArchSpecificPackage)
npm warn install-scripts   pnpm@12.26.0 (preinstall: node install.js; postinstall: node install.js)
npm warn install-scripts
npm warn install-scripts Run \`npm install -g --allow-scripts=node,pnpm\` to allow these scripts once.`;

// npm's update notice, printed unless --no-update-notifier (npm 11.19.1, the same run).
const NPM_NOTICE = "npm notice New minor version of npm available! 11.19.1 -> 11.21.3";

interface Rig {
  repo: string;
  home: string;
  log: string;
}

function script(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A repository with .ci/env and a lockfile, and a HOME whose ~/.local/bin holds the stand-ins. */
function rig(options: { npmFails?: boolean; aptFails?: boolean } = {}): Rig {
  const root = mkdtempSync(join(tmpdir(), "stepcord-ci-env-"));
  const repo = join(root, "repo");
  const home = join(root, "home");
  const bin = join(home, ".local", "bin");
  const log = join(root, "calls.log");
  mkdirSync(join(repo, ".ci"), { recursive: true });
  mkdirSync(join(repo, "node_modules"));
  mkdirSync(join(repo, "packages", "bot"), { recursive: true });
  mkdirSync(bin, { recursive: true });
  copyFileSync(CI_ENV, join(repo, ".ci", "env"));
  writeFileSync(join(repo, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
  writeFileSync(log, "");
  const installed = join(home, "installed");
  script(join(bin, "node"), `[ -f "${installed}" ] && echo v24.21.0 || echo v20.20.2`);
  script(
    join(bin, "pnpm"),
    `[ "$1" = --version ] && { [ -f "${installed}" ] && echo 12.26.0 || echo 10.0.0; }; exit 0`,
  );
  script(
    join(bin, "npm"),
    options.npmFails
      ? `cat >&2 <<'EOF'\n${NPM_WARNINGS}\nnpm error code E404\nEOF\nexit 1`
      : `touch "${installed}"\necho "added 4 packages in 10s"\ncat >&2 <<'EOF'\n${NPM_WARNINGS}\nEOF\ncase " $* " in *" --no-update-notifier "*) ;; *) echo "${NPM_NOTICE}" >&2 ;; esac`,
  );
  script(
    join(bin, "apt-get"),
    `echo "apt-get $*" >> "${log}"${options.aptFails ? "\necho 'E: no network' >&2; exit 100" : ""}`,
  );
  script(join(bin, "python3"), "exit 1");
  return { repo, home, log };
}

function runEnv(
  r: Rig,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      [join(r.repo, ".ci", "env"), ...args],
      {
        cwd: options.cwd ?? r.repo,
        env: { HOME: r.home, PATH: "/usr/bin:/bin", ...options.env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** apt-get runs only as root; elsewhere the apt tests say why they skip (CI machines are not promised root). */
function requireRoot(context: Mocha.Context): void {
  if (process.getuid?.() === 0) return;
  console.log("    (skipped: .ci/env installs peers with apt-get only as root, and this run is not root)");
  context.skip();
}

describe(".ci/env", () => {
  it("prints its usage and exits 2 when given no command", async () => {
    const result = await runEnv(rig(), []);
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include("usage: bash .ci/env COMMAND");
  });

  it("runs the command in the directory it was called from", async () => {
    const r = rig();
    const result = await runEnv(r, ["pwd"], { cwd: join(r.repo, "packages", "bot") });
    expect(result.stdout.trim()).to.equal(join(r.repo, "packages", "bot"));
  });

  it("drops npm's install-scripts warnings for node and pnpm and keeps the rest of npm's output", async () => {
    const result = await runEnv(rig(), ["true"]);
    expect(result.code).to.equal(0);
    expect(result.stderr).to.include("added 4 packages");
    expect(result.stderr).not.to.include("install-scripts");
  });

  it("asks npm not to print its own update notice", async () => {
    const result = await runEnv(rig(), ["true"]);
    expect(result.stderr).not.to.include("npm notice");
  });

  it("shows all npm printed, warnings included, when the install fails", async () => {
    const result = await runEnv(rig({ npmFails: true }), ["true"]);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include("npm warn install-scripts");
    expect(result.stderr).to.include("npm error code E404");
  });

  it("under CI as root installs python3-botocore and curl with apt-get when botocore is missing", async function () {
    requireRoot(this);
    const r = rig();
    const result = await runEnv(r, ["true"], { env: { CI: "true" } });
    expect(result.code).to.equal(0);
    expect(readFileSync(r.log, "utf8")).to.match(/apt-get install -y -qq python3-botocore curl/);
  });

  it("leaves the peers alone outside CI", async function () {
    requireRoot(this);
    const r = rig();
    await runEnv(r, ["true"]);
    expect(readFileSync(r.log, "utf8")).to.equal("");
  });

  it("runs the command anyway when apt-get cannot install the peers, saying so", async function () {
    requireRoot(this);
    const r = rig({ aptFails: true });
    const result = await runEnv(r, ["true"], { env: { CI: "true" } });
    expect(result.code).to.equal(0);
    expect(result.stderr).to.include("E: no network");
    expect(result.stderr).to.include("apt-get could not install the peers");
    expect(readFileSync(r.log, "utf8")).to.include("apt-get update");
  });
});
