import { parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "@stepcord/fake-discord/webhook";
import { expect } from "chai";
import { request } from "undici";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

// A tester's own Discord stand-in, outside the local stack: here the fake webhook started apart, driven only over
// HTTP through its URL and POST /_fake/faults, as a test in another process would drive it.
describe("Discord faults injected from outside the local stack", () => {
  let discord: FakeDiscordWebhook;
  let stack: LocalStack;
  // The integration timeout is shortened so a hang is answered without waiting the deployed 10 s.
  const startStack = async (workflowType: "EXPRESS" | "STANDARD") => {
    await stack.close();
    const v10 = discord.webhookUrl.replace("/api/webhooks/", "/api/v10/webhooks/");
    stack = await startLocalStack({
      discordWebhookUrl: v10,
      retryIntervalMs: 1,
      webhookTimeoutMs: 300,
      workflowType,
    });
  };
  beforeEach(async () => {
    discord = await startFakeDiscordWebhook({ rateLimit: false });
    const v10 = discord.webhookUrl.replace("/api/webhooks/", "/api/v10/webhooks/");
    stack = await startLocalStack({ discordWebhookUrl: v10, retryIntervalMs: 1, webhookTimeoutMs: 300 });
  });
  afterEach(async () => {
    await stack.close();
    await discord.close();
  });

  const injectOverHttp = async (faults: unknown) => {
    const answer = await request(discord.faultsUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(faults),
    });
    await answer.body.dump();
    expect(answer.statusCode).to.equal(204);
  };

  it("accepts a plain-http loopback DISCORD_WEBHOOK_URL under /api/v10 and delivers to it", async () => {
    expect(stack.fakeWebhook).to.equal(undefined);
    await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    await stack.runner.idle();
    expect(stack.runner.executions()[0]?.status).to.equal("SUCCEEDED");
    expect(discord.messages()).to.have.length(1);
  });

  it("answers a hanging Discord with the integration timeout's 504, which the workflow does not retry: the post may be in Discord", async () => {
    await injectOverHttp([{ hang: true }]);
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(parseDeliveryOutcome(JSON.parse(answer.body))).to.deep.include({
      outcome: "failed",
      error: "Stepcord.DeliveryUnclear",
    });
    const [execution] = stack.runner.executions();
    expect(execution?.history.filter((event) => event.type === "StateRetried")).to.have.length(0);
    expect(discord.requests().map((r) => r.status)).to.deep.equal([0]);
  });

  it("answers the bot's resend after an unclear post in-flight from the kept claim, without calling Discord", async () => {
    await injectOverHttp([{ hang: true }]);
    await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    const resend = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(parseDeliveryOutcome(JSON.parse(resend.body))).to.deep.include({ outcome: "in-flight" });
    expect(discord.requests()).to.have.length(1);
  });

  it("fails a STANDARD execution as Stepcord.DeliveryUnclear on a hang too, without retrying the 504", async () => {
    await startStack("STANDARD");
    await injectOverHttp([{ hang: true }]);
    await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    await stack.runner.idle();
    const [execution] = stack.runner.executions();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.DeliveryUnclear" });
    expect(execution?.history.filter((event) => event.type === "StateRetried")).to.have.length(0);
    expect(discord.messages()).to.have.length(0);
  });
});
