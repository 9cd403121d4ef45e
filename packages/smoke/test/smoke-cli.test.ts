import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalStack, startLocalStack } from "@stepcord/local";
import { expect } from "chai";

const BIN = join(import.meta.dirname, "../bin/smoke.mjs");

function run(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.stderr.on("data", (chunk) => {
      err += chunk;
    });
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

describe("the stepcord-smoke CLI", () => {
  let stack: LocalStack;
  let dir: string;
  before(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    dir = await mkdtemp(join(tmpdir(), "stepcord-smoke-"));
  });
  after(async () => {
    await stack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("exits 2 with the usage when neither --stack nor --outputs is given", async () => {
    const { code, err } = await run([], {});
    expect(code).to.equal(2);
    expect(err).to.include("usage: stepcord-smoke");
  });

  it("exits 1 with the verdict and its fix when Discord refuses the forwarded Authorization header", async () => {
    const outputs = join(dir, "outputs.json");
    await writeFile(
      outputs,
      JSON.stringify({
        eventsEndpoint: stack.eventsEndpoint,
        region: stack.region,
        stateMachineArn: stack.stateMachineArn,
        settingsEndpoint: stack.settingsEndpoint,
        botAccessKeyId: stack.identities.bot.accessKeyId,
        botSecretAccessKey: stack.identities.bot.secretAccessKey,
      }),
    );
    stack.fakeWebhook?.injectFaults([{ status: 401 }]);
    const { code, out, err } = await run(["--outputs", outputs, "--settle-seconds", "60"], {
      AWS_ACCESS_KEY_ID: stack.identities.operator.accessKeyId,
      AWS_SECRET_ACCESS_KEY: stack.identities.operator.secretAccessKey,
      AWS_SESSION_TOKEN: "",
      AWS_PROFILE: "",
      AWS_ENDPOINT_URL_SFN: stack.stepFunctionsEndpoint,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: stack.logsEndpoint,
    });
    expect(code).to.equal(1);
    expect(err).to.include("Discord refused the forwarded Authorization header");
    expect(err).to.include("fix:");
    // The settings hop ran too, signed with the same key, which is printed nowhere either.
    expect(err).to.include("PASS bot identity → events API → settings workflow");
    expect(`${out}${err}`).to.not.include(stack.identities.bot.secretAccessKey);
    expect(`${out}${err}`).to.not.include(stack.identities.operator.secretAccessKey);
  });
});
