import { pulumiCliMissingMessage } from "@stepcord/signer";
import { expect } from "chai";
import { readSmokeTarget, SmokeTargetError, smokeTargetFromOutputs } from "../src/index.js";

const outputs = {
  eventsEndpoint: "https://abc123.execute-api.us-east-1.amazonaws.com/events",
  region: "us-east-1",
  stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:notifier",
  botAccessKeyId: "AKIAEXAMPLEEXAMPLE01",
  botSecretAccessKey: "bot-secret-value-that-must-not-print",
};

describe("smokeTargetFromOutputs", () => {
  it("takes the endpoint, region, state machine and the bot's key", () => {
    expect(smokeTargetFromOutputs(JSON.stringify(outputs), "stack dev")).to.deep.equal({
      eventsEndpoint: outputs.eventsEndpoint,
      region: "us-east-1",
      stateMachineArn: outputs.stateMachineArn,
      botCredentials: { accessKeyId: outputs.botAccessKeyId, secretAccessKey: outputs.botSecretAccessKey },
      settingsEndpoint: undefined,
      settingsGuild: { guildId: "000000000000000000", from: "placeholder" },
    });
  });

  it("takes the settings endpoint and the first server of the servers output for the settings hop", () => {
    const target = smokeTargetFromOutputs(
      JSON.stringify({
        ...outputs,
        settingsEndpoint: "https://abc123.execute-api.us-east-1.amazonaws.com/settings",
        servers: {
          destinations: [{ id: "main", guildId: "223456789012345678" }],
          rules: {},
          everyServer: false,
        },
      }),
      "stack dev",
    );
    expect(target.settingsEndpoint).to.equal("https://abc123.execute-api.us-east-1.amazonaws.com/settings");
    expect(target.settingsGuild).to.deep.equal({ guildId: "223456789012345678", from: "servers output" });
  });

  it("has no bot credentials when the stack has no bot user (invokerMode attach or none)", () => {
    const { botAccessKeyId: _id, botSecretAccessKey: _secret, ...rest } = outputs;
    expect(smokeTargetFromOutputs(JSON.stringify(rest), "stack dev").botCredentials).to.equal(undefined);
  });

  it("names every missing output at once", () => {
    expect(() => smokeTargetFromOutputs("{}", "stack dev")).to.throw(
      SmokeTargetError,
      "stack dev has no eventsEndpoint, region, stateMachineArn outputs",
    );
  });

  it("says to install the Pulumi CLI when it is missing", async () => {
    const missing = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
    const error = await readSmokeTarget("dev", () => Promise.reject(missing)).catch((e: unknown) => e);
    expect((error as Error).message).to.include("install the Pulumi CLI");
  });

  // Issue 17: one message for a missing Pulumi CLI, whichever command meets it (the bot, the sigv4 CLI, this one).
  it("says so in the words the bot and the sigv4 CLI use", async () => {
    const missing = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
    const error = await readSmokeTarget("dev", () => Promise.reject(missing)).catch((e: unknown) => e);
    expect((error as Error).message).to.equal(
      `stack dev: ${pulumiCliMissingMessage("pulumi", "pass --outputs <file>")}`,
    );
  });
});
