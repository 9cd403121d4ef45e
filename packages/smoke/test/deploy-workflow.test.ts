import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { parse } from "yaml";

const workflow = join(import.meta.dirname, "../../../.github/workflows/deploy.yml");

interface Step {
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
});
