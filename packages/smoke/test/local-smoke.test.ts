import { EVENTS_ROUTE, executeApiArn, invokePolicy } from "@stepcord/definitions";
import { type LocalStack, startLocalStack } from "@stepcord/local";
import { expect } from "chai";
import { HOP_ORDER, HOPS, runSmoke, SMOKE_NOTE } from "../src/index.js";
import { localSmokeOptions, localTarget } from "./support/local-target.js";

describe("runSmoke against the local stack", () => {
  let stack: LocalStack;
  afterEach(() => stack.close());

  describe("when every hop works", () => {
    beforeEach(async () => {
      stack = await startLocalStack({ retryIntervalMs: 1 });
    });

    it("passes every hop", async () => {
      const report = await runSmoke(localSmokeOptions(stack));
      expect(report.ok).to.equal(true);
      expect(report.lines.filter((line) => line.startsWith("PASS "))).to.have.length(HOP_ORDER.length);
      expect(report.lines.at(-1)).to.equal("smoke check passed");
    });

    it("posts one silent message that mentions nobody and says it is safe to ignore", async () => {
      await runSmoke(localSmokeOptions(stack));
      const messages = stack.fakeWebhook?.messages() ?? [];
      expect(messages).to.have.length(1);
      const body = messages[0]?.body as {
        allowed_mentions?: { parse?: unknown[] };
        embeds?: { description?: string }[];
      };
      expect(messages[0]?.flags).to.equal(4096);
      expect(body.allowed_mentions?.parse).to.deep.equal([]);
      expect(body.embeds?.[0]?.description).to.include(SMOKE_NOTE);
    });

    it("prints neither the webhook URL nor the bot's or operator's keys", async () => {
      const report = await runSmoke(localSmokeOptions(stack));
      const output = report.lines.join("\n");
      const webhookUrl = stack.fakeWebhook?.webhookUrl ?? "";
      const token = webhookUrl.split("/").at(-1) ?? "";
      for (const secret of [
        webhookUrl,
        token,
        stack.identities.bot.secretAccessKey,
        stack.identities.operator.secretAccessKey,
      ]) {
        expect(secret).to.not.equal("");
        expect(output).to.not.include(secret);
      }
    });
  });

  it("fails with Discord refusing the forwarded Authorization header when Discord answers 401", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults([{ status: 401 }]);
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(false);
    expect(report.lines).to.include(
      `FAIL ${HOPS.discord}: the webhook API answered 401: Discord refused the forwarded Authorization header`,
    );
  });

  it("passes when a retry recovered from Discord's 429, and says so", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults([{ status: 429, retryAfterSeconds: 0.01 }]);
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(true);
    expect(report.verdicts.at(-1)?.summary).to.include("recovered after TaskFailed ApiGateway.429");
  });

  it("fails naming a deleted webhook when Discord answers 404 10015", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.verdicts[1]?.summary).to.include("10015 Unknown Webhook");
  });

  it("fails naming the state machine role when the webhook API refuses it", async () => {
    // The role may invoke the events route instead of the webhook route: a policy for the wrong API.
    const wrong = executeApiArn({
      partition: "aws",
      region: "us-east-1",
      account: "000000000000",
      apiId: "localevents",
      stage: "$default",
      ...EVENTS_ROUTE,
    });
    stack = await startLocalStack({ retryIntervalMs: 1, workflowRolePolicies: [invokePolicy([wrong])] });
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(false);
    expect(report.verdicts[1]?.summary).to.equal(
      "the webhook API answered 403: it refused the state machine role",
    );
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });

  it("fails at the events API, naming the bot identity, when the bot's key is refused", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    const impostor = { ...stack.identities.bot, secretAccessKey: "not-the-bot-secret-at-all" };
    const report = await runSmoke(localSmokeOptions(stack, localTarget(stack, impostor)));
    expect(report.verdicts).to.have.length(1);
    expect(report.verdicts[0]).to.deep.include({ ok: false });
    expect(report.verdicts[0]?.summary).to.include("answered 403");
    expect(report.lines.join("\n")).to.not.include("not-the-bot-secret-at-all");
  });

  it("fails with the permission to grant when the reader may not read the workflow's logs", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    const options = localSmokeOptions(stack);
    // The bot's key may post events but not read the workflow: least privilege, as deployed.
    const report = await runSmoke({
      ...options,
      operatorCredentials: {
        accessKeyId: stack.identities.bot.accessKeyId,
        secretAccessKey: stack.identities.bot.secretAccessKey,
      },
    });
    expect(report.verdicts[1]?.summary).to.include("AccessDeniedException");
    expect(report.verdicts[1]?.fix).to.include("logs:FilterLogEvents");
  });
});
