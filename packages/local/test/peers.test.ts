import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";

const run = promisify(execFile);

async function available(command: string, args: string[]): Promise<boolean> {
  try {
    await run(command, args);
    return true;
  } catch {
    return false;
  }
}

/** Skips with the reason printed, never silently. */
function skipBecause(context: Mocha.Context, reason: string): never {
  console.log(`      skipped: ${reason}`);
  context.skip();
}

describe("independent SigV4 clients against the local stack", () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  after(() => stack.close());

  it("accepts an event posted by curl --aws-sigv4 (no session token: curl 7.88 mis-signs them)", async function () {
    if (!(await available("curl", ["--version"]))) skipBecause(this, "curl is not installed");
    const { bot } = stack.identities;
    const { stdout } = await run("curl", [
      "-sS",
      "-w",
      "\n%{http_code}",
      "--aws-sigv4",
      `aws:amz:${stack.region}:execute-api`,
      "--user",
      `${bot.accessKeyId}:${bot.secretAccessKey}`,
      "-H",
      "content-type: application/json",
      "--data-binary",
      JSON.stringify(fixtureBatches.move),
      stack.eventsEndpoint,
    ]);
    const status = stdout.trim().split("\n").at(-1);
    expect(status, stdout).to.equal("200");
    await stack.runner.idle();
    expect(stack.fakeWebhook?.messages().at(-1)?.body).to.have.property("embeds").with.length(1);
  });

  it("lists and describes local executions for the aws CLI with the operator keys pnpm local prints", async function () {
    if (!(await available("aws", ["--version"]))) skipBecause(this, "the aws CLI is not installed");
    // Exactly what the README does: export the printed lines, then hand the operator keys to the CLI. The region
    // comes from the lines too (AWS_DEFAULT_REGION: the aws CLI v1 ignores AWS_REGION).
    const printed = Object.fromEntries(stack.envLines().map((line) => line.split(/=(.*)/s).slice(0, 2)));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_REGION: undefined,
      AWS_DEFAULT_REGION: undefined,
      AWS_SESSION_TOKEN: undefined,
      ...printed,
      AWS_ACCESS_KEY_ID: printed.STEPCORD_OPERATOR_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: printed.STEPCORD_OPERATOR_SECRET_ACCESS_KEY,
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
    const aws = (...args: string[]) =>
      run(
        "aws",
        ["stepfunctions", ...args, "--endpoint-url", stack.stepFunctionsEndpoint, "--output", "json"],
        { env },
      );
    if (stack.runner.executions().length === 0) stack.runner.start(JSON.stringify(fixtureBatches.join));
    await stack.runner.idle();
    const machines = JSON.parse((await aws("list-state-machines")).stdout);
    expect(machines.stateMachines[0].stateMachineArn).to.equal(stack.stateMachineArn);
    const list = JSON.parse(
      (await aws("list-executions", "--state-machine-arn", stack.stateMachineArn)).stdout,
    );
    expect(list.executions.length).to.be.greaterThan(0);
    const [first] = list.executions;
    const described = JSON.parse(
      (await aws("describe-execution", "--execution-arn", first.executionArn)).stdout,
    );
    expect(described).to.include({ status: "SUCCEEDED", executionArn: first.executionArn });
    const history = JSON.parse(
      (await aws("get-execution-history", "--execution-arn", first.executionArn)).stdout,
    );
    expect(history.events.map((e: { type: string }) => e.type)).to.include("ExecutionSucceeded");
  });

  it("refuses the aws CLI with the bot's key, which may not read the workflow", async function () {
    if (!(await available("aws", ["--version"]))) skipBecause(this, "the aws CLI is not installed");
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: stack.identities.bot.accessKeyId,
      AWS_SECRET_ACCESS_KEY: stack.identities.bot.secretAccessKey,
      AWS_DEFAULT_REGION: stack.region,
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    };
    try {
      await run(
        "aws",
        ["stepfunctions", "list-state-machines", "--endpoint-url", stack.stepFunctionsEndpoint],
        { env },
      );
      expect.fail("the bot's key listed state machines");
    } catch (error) {
      expect(String((error as { stderr?: string }).stderr)).to.include("AccessDeniedException");
    }
  });
});
