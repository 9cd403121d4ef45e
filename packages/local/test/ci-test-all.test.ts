import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
// @ts-expect-error: a plain .mjs script beside .ci/test-all.mjs, with no type declarations
import { relabel } from "../../../.ci/test-output.mjs";

const CI_DIR = fileURLToPath(new URL("../../../.ci/", import.meta.url));

// What `pnpm -r --workspace-concurrency=1 --stream test` (pnpm 12.26.0) printed for packages/events, shortened.
const STREAMED = [
  "packages/events test$ mocha",
  "packages/events test: ",
  "packages/events test:   fixtures/join.json",
  "packages/events test:     ✔ is the join fixture batch",
  "packages/events test: ",
  "packages/events test:   1 passing (167ms)",
];

describe("relabel, for pnpm test's output", () => {
  it("heads each package's block with its name and directory instead of a bare $ mocha", () => {
    const line = relabel((dir: string) => (dir === "packages/events" ? "@stepcord/events" : undefined));
    expect(STREAMED.map(line)).to.deep.equal([
      "\n── @stepcord/events (packages/events): mocha",
      "",
      "  fixtures/join.json",
      "    ✔ is the join fixture batch",
      "",
      "  1 passing (167ms)",
    ]);
  });

  it("heads the block with the directory when the package has no readable name", () => {
    expect(relabel(() => undefined)("packages/x test$ mocha")).to.equal("\n── packages/x: mocha");
  });

  it("leaves lines of no package alone", () => {
    expect(relabel(() => undefined)("Scope: 12 workspace projects")).to.equal("Scope: 12 workspace projects");
  });
});

describe(".ci/test-all.mjs", () => {
  it("prints a header naming each package, its lines unprefixed, and the closing tally", async () => {
    const root = mkdtempSync(join(tmpdir(), "stepcord-test-all-"));
    mkdirSync(join(root, ".ci"));
    mkdirSync(join(root, "bin"));
    mkdirSync(join(root, "packages", "events"), { recursive: true });
    for (const file of ["test-all.mjs", "test-output.mjs"])
      copyFileSync(join(CI_DIR, file), join(root, ".ci", file));
    writeFileSync(join(root, "packages", "events", "package.json"), '{"name":"@stepcord/events"}');
    // A stand-in pnpm that prints what pnpm 12 prints for these flags: prefixed lines with --stream, bare ones without.
    const stream = STREAMED.join("\n");
    const bare = ["$ mocha", ...STREAMED.slice(1).map((l) => l.replace("packages/events test: ", ""))].join(
      "\n",
    );
    writeFileSync(
      join(root, "bin", "pnpm"),
      `#!/bin/sh\ncase " $* " in *" --stream "*) cat <<'EOF'\n${stream}\nEOF\n;; *) cat <<'EOF'\n${bare}\nEOF\n;; esac\n`,
    );
    chmodSync(join(root, "bin", "pnpm"), 0o755);
    const stdout = await new Promise<string>((resolve) =>
      execFile(
        process.execPath,
        [".ci/test-all.mjs"],
        { cwd: root, env: { ...process.env, PATH: `${join(root, "bin")}:${process.env.PATH}` } },
        (_error, out) => resolve(out),
      ),
    );
    expect(stdout).to.include("── @stepcord/events (packages/events): mocha");
    expect(stdout).not.to.include("packages/events test: ");
    expect(stdout).to.include("tests: 1 passed, 0 failed, 0 skipped");
  });
});
