import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";

const workflow = join(import.meta.dirname, "../../../.github/workflows/deploy.yml");

interface Step {
  id?: string;
  if?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  "continue-on-error"?: boolean;
}

describe("deploy.yml's smoke check", () => {
  const steps = (parse(readFileSync(workflow, "utf8")).jobs.deploy.steps as Step[]) ?? [];
  const infraUp = steps.findIndex(
    (s) => s.uses?.startsWith("pulumi/actions@") && s.with?.["work-dir"] === ".",
  );
  const smoke = steps.findIndex((s) => s.run?.includes("pnpm smoke "));

  it("runs right after the infra stack's pulumi up", () => {
    expect(infraUp).to.be.greaterThan(-1);
    expect(smoke).to.equal(infraUp + 1);
  });

  it("checks the stack that was just deployed", () => {
    const up = steps[infraUp]?.with?.["stack-name"];
    const org = (steps[smoke] as Step & { env?: Record<string, string> }).env?.PULUMI_ORG;
    // The same org expression and project as pulumi up's stack-name, and the job's STACK_ENV.
    expect(up).to.equal(`${org}/stepcord/$${"{{ env.STACK_ENV }}"}`);
    expect(steps[smoke]?.run).to.include('pnpm smoke --stack "$PULUMI_ORG/stepcord/$STACK_ENV"');
  });

  it("fails the job when the smoke check fails", () => {
    expect(steps[smoke]?.["continue-on-error"]).to.not.equal(true);
  });

  // A failed hop is the infra stack's (or Discord's) and the bot stack's update neither causes nor worsens it: the
  // outbox keeps the bot's batches until delivery heals. Skipping the bot would leave it a version behind the infra
  // just deployed.
  it("still deploys the bot stack after a failed smoke check, but never after a failed infra pulumi up", () => {
    const botUp = steps.findIndex(
      (s) => s.uses?.startsWith("pulumi/actions@") && s.with?.["work-dir"] === "packages/bot/deploy",
    );
    expect(botUp).to.be.greaterThan(smoke);
    const id = steps[infraUp]?.id;
    expect(id, "the infra pulumi up step needs an id for the bot step's condition").to.be.a("string");
    const condition = steps[botUp]?.if ?? "";
    // Without a status function GitHub adds success(), which is false once the smoke check has failed.
    expect(condition).to.match(/!cancelled\(\)/);
    expect(condition).to.contain(`steps.${id}.outcome == 'success'`);
  });

  /**
   * Runs the step's script as GitHub runs a `run:` step on Linux, `bash --noprofile --norc -eo pipefail {0}`
   * (GitHub's workflow syntax, jobs.<job_id>.steps[*].shell), with `pnpm` replaced by a stub that exits `code`.
   */
  function runStep(code: number): number | null {
    const dir = mkdtempSync(join(tmpdir(), "stepcord-deploy-smoke-"));
    try {
      writeFileSync(join(dir, "pnpm"), `#!/bin/sh\nexit ${code}\n`, { mode: 0o755 });
      writeFileSync(join(dir, "step.sh"), steps[smoke]?.run ?? "");
      const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", join(dir, "step.sh")], {
        env: { PATH: `${dir}:${process.env.PATH}`, PULUMI_ORG: "org", STACK_ENV: "dev" },
        encoding: "utf8",
      });
      return result.status;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // Exit 3: the stack exports no bot key (invokerMode attach|none), so the check could sign only as the deploy role,
  // which may not POST /events. The CLI prints a ::warning:: line; the step must not fail every push for it.
  it("treats the smoke check's exit 3 (not checked: no bot key) as a warning, not a failure", () => {
    expect(runStep(3)).to.equal(0);
  });

  it("still fails the step on a failed hop (1) and a usage error (2), and passes on 0", () => {
    expect(runStep(1)).to.equal(1);
    expect(runStep(2)).to.equal(2);
    expect(runStep(0)).to.equal(0);
  });
});
