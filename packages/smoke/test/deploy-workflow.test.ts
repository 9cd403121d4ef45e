import { readFileSync } from "node:fs";
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
  const smoke = steps.findIndex((s) => s.run?.startsWith("pnpm smoke "));

  it("runs right after the infra stack's pulumi up", () => {
    expect(infraUp).to.be.greaterThan(-1);
    expect(smoke).to.equal(infraUp + 1);
  });

  it("checks the stack that was just deployed", () => {
    const up = steps[infraUp]?.with?.["stack-name"];
    const org = (steps[smoke] as Step & { env?: Record<string, string> }).env?.PULUMI_ORG;
    // The same org expression and project as pulumi up's stack-name, and the job's STACK_ENV.
    expect(up).to.equal(`${org}/stepcord/$${"{{ env.STACK_ENV }}"}`);
    expect(steps[smoke]?.run).to.equal('pnpm smoke --stack "$PULUMI_ORG/stepcord/$STACK_ENV"');
  });

  it("fails the job when the smoke check fails", () => {
    expect(steps[smoke]?.["continue-on-error"]).to.not.equal(true);
  });

  // A failed hop is the infra stack's (or Discord's) and the bot stack's update neither causes nor worsens it: the
  // outbox keeps the bot's batches until delivery heals. Skipping the bot would leave it a version behind the infra
  // just deployed, and with no bot key (invokerMode attach|none) the check signs as the deploy role and fails.
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
});
