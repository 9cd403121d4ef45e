import { EVENTS_ROUTE, executeApiArn, invokePolicy, ledgerPolicy } from "@stepcord/definitions";
import { LOCAL_LEDGER_TABLE_ARN, type LocalStack, startLocalStack } from "@stepcord/local";
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
      // The notifier's hops and the settings hop (issue 15).
      expect(report.lines.filter((line) => line.startsWith("PASS "))).to.have.length(HOP_ORDER.length + 1);
      expect(report.lines.at(-1)).to.equal("smoke check passed");
    });

    it("passes an EXPRESS stack on the events API's delivered answer at once, without waiting for the logs", async () => {
      const sleeps: number[] = [];
      const report = await runSmoke({
        ...localSmokeOptions(stack),
        sleep: async (ms) => void sleeps.push(ms),
      });
      expect(report.ok).to.equal(true);
      expect(sleeps).to.deep.equal([]);
      expect(report.verdicts.at(-1)?.summary).to.include("delivered");
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
      // The settings hop ran too, signed with the same key.
      expect(report.settings.result).to.equal("pass");
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

  it("passes a STANDARD stack when a retry recovered from Discord's 5xx, and says so", async () => {
    // STANDARD answers {executionArn, startDate}: the result is read with DescribeExecution.
    stack = await startLocalStack({ retryIntervalMs: 1, workflowType: "STANDARD" });
    stack.fakeWebhook?.injectFaults([{ status: 500 }]);
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(true);
    expect(report.verdicts.at(-1)?.summary).to.include("DescribeExecution");
  });

  it("fails an EXPRESS stack at once, mapped to its hop, on Discord's 5xx, which EXPRESS hands back to the bot", async () => {
    // No retry inside the workflow: a second 12 s call would not fit its 25 s (decision 0016); the bot resends.
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults([{ status: 500 }]);
    const sleeps: number[] = [];
    const report = await runSmoke({ ...localSmokeOptions(stack), sleep: async (ms) => void sleeps.push(ms) });
    expect(report.ok).to.equal(false);
    expect(sleeps).to.deep.equal([]);
    expect(report.lines).to.include(
      `FAIL ${HOPS.discord}: Discord or the webhook API kept failing with 5xx after every retry`,
    );
  });

  it("passes on an EXPRESS stack after resending the test batch Discord rate-limited, posting it once", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults([{ status: 429, retryAfterSeconds: 0.01 }]);
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(true);
    expect(stack.runner.executions()).to.have.length(2);
    expect(stack.fakeWebhook?.messages()).to.have.length(1);
  });

  it("fails naming Discord's rate limit when an EXPRESS stack answers rate-limited to every resend", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults(
      Array.from({ length: 3 }, () => ({ status: 429, retryAfterSeconds: 0.01 })),
    );
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.ok).to.equal(false);
    expect(report.verdicts[0]?.summary).to.include("rate-limited");
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });

  it("fails naming a deleted webhook, the new URL and closing the circuit when Discord answers 404 10015", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const report = await runSmoke(localSmokeOptions(stack));
    expect(report.verdicts[1]?.summary).to.include("10015 Unknown Webhook");
    expect(report.verdicts[1]?.fix).to.include("stepcord:discordWebhookUrl").and.include("circuit#webhook");
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
    stack = await startLocalStack({
      retryIntervalMs: 1,
      // The ledger policy as deployed, so the webhook API's refusal is the one that shows.
      workflowRolePolicies: [invokePolicy([wrong]), ledgerPolicy(LOCAL_LEDGER_TABLE_ARN)],
    });
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

  it("fails with the permission to grant when the reader may not read a STANDARD workflow's result", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1, workflowType: "STANDARD" });
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
    expect(report.verdicts[1]?.fix).to.include("states:DescribeExecution");
  });
});
