import { serviceTrustPolicy } from "@stepcord/definitions";
import { LOCAL_ACCOUNT, LOCAL_REGION, type LocalStack, startLocalStack } from "@stepcord/local";
import { expect } from "chai";
import { runSmoke, SETTINGS_HOP, SMOKE_IDS } from "../src/index.js";
import { localSmokeOptions, localTarget } from "./support/local-target.js";

describe("runSmoke's settings hop against the local stack", () => {
  let stack: LocalStack;
  afterEach(() => stack.close());

  it("passes on the settings workflow's status answer for the placeholder server, and says it is the placeholder", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(true);
    const line = report.lines.find((l) => l.includes(SETTINGS_HOP));
    expect(line).to.match(/^PASS /);
    expect(line).to.include(`placeholder server ${SMOKE_IDS.guild}`).and.include('outcome "status"');
  });

  it("runs the settings workflow once, which answers status for a server never configured (version 0)", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    await runSmoke(localSmokeOptions(stack));
    const execution = stack.settingsRunner.executions().at(-1);
    expect(execution?.status).to.equal("SUCCEEDED");
    expect(JSON.parse(execution?.output ?? "{}")).to.deep.include({ outcome: "status" });
    expect(JSON.parse(execution?.output ?? "{}").settings.version).to.equal(0);
  });

  it("fails naming the settings role's trust when API Gateway cannot assume it (500)", async () => {
    stack = await startLocalStack({
      retryIntervalMs: 1,
      // Trusts Step Functions instead of API Gateway: a wrong trust, refused as on AWS.
      serviceRoleTrust: {
        eventsSettings: serviceTrustPolicy({
          service: "states.amazonaws.com",
          partition: "aws",
          region: LOCAL_REGION,
          account: LOCAL_ACCOUNT,
        }),
      },
    });
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(false);
    const failed = `FAIL ${SETTINGS_HOP}: POST /settings answered 500 (Internal Server Error)`;
    expect(report.lines).to.include(failed);
    const fix = report.lines[report.lines.indexOf(failed) + 1];
    expect(fix).to.include("-settings-role").and.include("apigateway.amazonaws.com");
    expect(report.lines.at(-1)).to.equal("smoke check FAILED");
  });

  it("prints neither the bot's key nor the operator's when the settings hop fails", async () => {
    stack = await startLocalStack({
      retryIntervalMs: 1,
      serviceRoleTrust: {
        eventsSettings: serviceTrustPolicy({
          service: "states.amazonaws.com",
          partition: "aws",
          region: LOCAL_REGION,
          account: LOCAL_ACCOUNT,
        }),
      },
    });
    const output = (await runSmoke(localSmokeOptions(stack))).lines.join("\n");
    for (const secret of [stack.identities.bot.secretAccessKey, stack.identities.operator.secretAccessKey]) {
      expect(output).to.not.include(secret);
    }
  });

  it("fails naming the bot's invoke policy when the signing identity may not POST /settings (403)", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    // The operator's key in the bot's place: a real key with no execute-api:Invoke, as a policy from before issue 15
    // lacks …/POST/settings.
    const report = await runSmoke(localSmokeOptions(stack, localTarget(stack, stack.identities.operator)));
    expect(report.settings.result).to.equal("fail");
    expect(report.settings.summary).to.match(/^POST \/settings answered 403/);
    expect(report.settings.fix).to.include("lacks POST /settings").and.include("pulumi up");
    expect(stack.settingsRunner.executions()).to.have.length(0);
  });

  it("does not check the settings hop, and does not fail, when the stack exports no settingsEndpoint", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    const target = { ...localTarget(stack), settingsEndpoint: undefined };
    const report = await runSmoke(localSmokeOptions(stack, target));
    expect(report.ok).to.equal(true);
    expect(report.lines.find((l) => l.includes(SETTINGS_HOP)))
      .to.include("NOT CHECKED")
      .and.include("issue 15");
    expect(stack.settingsRunner.executions()).to.have.length(0);
  });

  it("asks about the first server of the servers output when there is one", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    const target = {
      ...localTarget(stack),
      settingsGuild: { guildId: "123456789012345678", from: "servers output" as const },
    };
    const report = await runSmoke(localSmokeOptions(stack, target));
    expect(report.lines.find((l) => l.includes(SETTINGS_HOP))).to.include(
      "server 123456789012345678 (the first in the servers output)",
    );
  });
});
