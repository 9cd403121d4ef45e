import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalStack, startLocalStack } from "@stepcord/local";
import { expect } from "chai";
import { runSmokeCli, SMOKE_EXIT } from "../src/cli/run-smoke-cli.js";

/** A stack deployed with invokerMode attach or none: its outputs carry no botAccessKeyId/botSecretAccessKey. */
describe("stepcord-smoke on a stack that exports no bot key", () => {
  let stack: LocalStack;
  let dir: string;
  before(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    dir = await mkdtemp(join(tmpdir(), "stepcord-smoke-no-bot-key-"));
    await writeFile(
      join(dir, "outputs.json"),
      JSON.stringify({
        eventsEndpoint: stack.eventsEndpoint,
        region: stack.region,
        stateMachineArn: stack.stateMachineArn,
      }),
    );
  });
  after(async () => {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(argv: string[], env: NodeJS.ProcessEnv) {
    const out: string[] = [];
    const err: string[] = [];
    // The operator may read the workflow but holds no invoker policy, like the GitHub deploy role.
    const operator = stack.identities.operator;
    const code = await runSmokeCli(argv, {
      env: { INIT_CWD: dir, ...env },
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      credentials: async () => ({
        accessKeyId: operator.accessKeyId,
        secretAccessKey: operator.secretAccessKey,
      }),
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("exits 3, not checked, naming invokerMode and how to run it by hand, and posts nothing", async () => {
    const { code, out } = await cli(["--outputs", "outputs.json"], {});
    expect(code).to.equal(SMOKE_EXIT.notChecked).and.equal(3);
    expect(out).to.match(/^NOT CHECKED /);
    expect(out).to.include("invokerMode").and.include("--sign-with-default-credentials");
    expect(out).to.include("invokerPolicyArn");
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("writes that line as a GitHub Actions ::warning:: command when it runs in a workflow", async () => {
    const { out } = await cli(["--outputs", "outputs.json"], { GITHUB_ACTIONS: "true" });
    expect(out).to.match(/^::warning title=Smoke check not run::/);
    expect(out.split("\n")).to.have.length(1);
  });

  it("signs with the default credentials when asked, and fails naming the invoker policy they lack", async () => {
    const { code, err } = await cli(["--outputs", "outputs.json", "--sign-with-default-credentials"], {});
    expect(code).to.equal(SMOKE_EXIT.failed);
    expect(err).to.include("your AWS credentials signed");
  });
});
