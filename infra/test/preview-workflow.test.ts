import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";

const root = new URL("../../", import.meta.url).pathname;
const workflow = parse(readFileSync(join(root, ".github/workflows/preview.yml"), "utf8"));

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const steps: Step[] = workflow.jobs.preview.steps;
const previews = steps.filter((step) => step.with?.command === "preview");
const checkFor = (preview: Step): Step | undefined => {
  const id = /^steps\.([\w-]+)\.outputs\.exists == 'true'$/.exec(preview.if ?? "")?.[1];
  return steps.find((step) => step.id === id);
};

/**
 * A stand-in `pulumi` on PATH. For a stack it does not know, it answers as `pulumi stack select` does without
 * --create: `error: no stack named '<stack>' found` on stderr and a failing exit (pulumi/pulumi,
 * pkg/cmd/pulumi/stack/stack_select.go; the CLI prints a command's error as `error: <message>`).
 */
function fakePulumi(dir: string, behaviour: { stacks: string[] } | { failure: string }) {
  const script =
    "failure" in behaviour
      ? `echo 'error: ${behaviour.failure}' >&2; exit 255`
      : `for s in ${behaviour.stacks.join(" ")}; do [ "$4" = "$s" ] && exit 0; done
echo "error: no stack named '$4' found" >&2; exit 255`;
  const path = join(dir, "pulumi");
  writeFileSync(path, `#!/usr/bin/env bash\n[ "$1 $2 $3" = "stack select --stack" ] || exit 99\n${script}\n`);
  chmodSync(path, 0o755);
}

/** Runs one workflow step's `run` script in bash from the repository root, as the runner does. */
function runStep(step: Step, env: Record<string, string>, behaviour: Parameters<typeof fakePulumi>[1]) {
  const dir = mkdtempSync(join(tmpdir(), "stepcord-preview-"));
  try {
    fakePulumi(dir, behaviour);
    const output = join(dir, "github-output");
    writeFileSync(output, "");
    const result = spawnSync("bash", ["-e", "-c", step.run ?? "exit 98"], {
      cwd: root,
      encoding: "utf8",
      env: { PATH: `${dir}:${process.env.PATH}`, GITHUB_OUTPUT: output, ...env },
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      output: readFileSync(output, "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("preview.yml", () => {
  it("previews the infra and the bot stacks, each only once its stack check says the stack exists", () => {
    expect(previews.map((step) => step.with?.["work-dir"])).to.deep.equal([".", "packages/bot/deploy"]);
    for (const preview of previews) {
      const check = checkFor(preview);
      expect(check, `the check step for ${preview.with?.["stack-name"]}`).not.to.equal(undefined);
      expect(check?.env?.STACK).to.equal(preview.with?.["stack-name"]);
      expect(check?.run).to.include(preview.with?.["work-dir"]);
    }
  });

  it("skips a stack that does not exist in the backend with a notice instead of failing the job", () => {
    for (const preview of previews) {
      const check = checkFor(preview) as Step;
      const result = runStep(
        check,
        { STACK: "organization/stepcord/prod" },
        { stacks: ["organization/stepcord/dev"] },
      );
      expect(result.status, result.stderr).to.equal(0);
      expect(result.stdout).to.match(
        /^::notice title=Preview skipped::Stack organization\/stepcord\/prod does not exist/m,
      );
      expect(result.output).to.equal("exists=false\n");
    }
  });

  it("previews a stack that exists", () => {
    const check = checkFor(previews[0] as Step) as Step;
    const result = runStep(
      check,
      { STACK: "organization/stepcord/dev" },
      { stacks: ["organization/stepcord/dev"] },
    );
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stdout).not.to.include("::notice");
    expect(result.output).to.equal("exists=true\n");
  });

  it("still fails the job when the backend cannot be asked (a login error is not a missing stack)", () => {
    const check = checkFor(previews[0] as Step) as Step;
    const failure = "PULUMI_ACCESS_TOKEN must be set for login during non-interactive CLI sessions";
    const result = runStep(check, { STACK: "organization/stepcord/dev" }, { failure });
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include(failure);
    expect(result.output).to.equal("");
  });

  it("passes the stack name through the environment, never spliced into the script", () => {
    for (const check of previews.map(checkFor)) expect(check?.run).not.to.include("${{");
  });
});
