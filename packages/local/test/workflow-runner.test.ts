import { spawn } from "node:child_process";
import { notifierDefinition } from "@stepcord/definitions";
import { expect } from "chai";
import { pino } from "pino";
import { LOCAL_WEBHOOK_HOST, UnsupportedDefinitionError, WorkflowRunner } from "../src/index.js";

const logger = pino({ level: "silent" });
const definition = notifierDefinition({ webhookApiHost: LOCAL_WEBHOOK_HOST });

describe("WorkflowRunner", () => {
  it("refuses a JSONata definition, which aws-local-stepfunctions would ignore silently", () => {
    expect(
      () =>
        new WorkflowRunner({
          stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:x",
          definition: { ...definition, QueryLanguage: "JSONata" as never },
          taskHandlers: { PostToDiscord: async () => ({}) },
          logger,
        }),
    ).to.throw(UnsupportedDefinitionError, "JSONata");
  });

  it("refuses to start when a Task state has no local handler, instead of calling real AWS", () => {
    expect(
      () =>
        new WorkflowRunner({
          stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:x",
          definition,
          taskHandlers: {},
          logger,
        }),
    ).to.throw(UnsupportedDefinitionError, "PostToDiscord");
  });
});

describe("pnpm local", () => {
  it("prints KEY=value lines a shell can eval, then runs until SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/local.ts"], {
      cwd: new URL("..", import.meta.url),
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    let output = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("STEPCORD_OPERATOR_SECRET_ACCESS_KEY=")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`pnpm local exited early with ${code}`)));
    });
    const keys = output
      .trim()
      .split("\n")
      .map((line) => line.split("=")[0]);
    expect(keys).to.include.members([
      "EVENTS_ENDPOINT",
      "STEPFUNCTIONS_ENDPOINT",
      "WEBHOOK_MESSAGES_URL",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "STEPCORD_OPERATOR_ACCESS_KEY_ID",
      "STEPCORD_OPERATOR_SECRET_ACCESS_KEY",
    ]);
    expect(output).to.match(/^EVENTS_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\/events$/m);
    // The aws CLI v1 ignores AWS_REGION; both must name the same region.
    expect(output).to.match(/^AWS_REGION=us-east-1$/m);
    expect(output).to.match(/^AWS_DEFAULT_REGION=us-east-1$/m);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).to.equal(0);
  });
});
