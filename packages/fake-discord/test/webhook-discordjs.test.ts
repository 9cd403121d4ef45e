import { expect } from "chai";
import { MessageFlags, WebhookClient } from "discord.js";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";

// The real client is the strongest check that the fake's routes, headers and bodies are Discord-shaped.
describe("fake Discord webhook: driven by discord.js's WebhookClient", () => {
  let hook: FakeDiscordWebhook;
  let client: WebhookClient;

  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ rateLimit: false });
    const url = new URL(hook.webhookUrl);
    const [, , , , id, token] = url.pathname.split("/");
    client = new WebhookClient(
      { id: id ?? "", token: token ?? "" },
      { rest: { api: `${url.origin}/api`, retries: 0 } },
    );
  });
  afterEach(async () => {
    client.destroy();
    await hook.close();
  });

  it("accepts a silent embed batch sent by WebhookClient and returns the created message", async () => {
    const sent = await client.send({
      username: "Stepcord",
      embeds: [{ description: "<@300000000000000001> joined <#200000000000000001>" }],
      flags: MessageFlags.SuppressNotifications,
    });
    expect(sent.id).to.equal(hook.messages()[0]?.id);
    expect(hook.messages()[0]?.flags).to.equal(4096);
    expect(hook.requests()[0]?.path).to.equal("/api/v10/webhooks/1300000000000000000/[token]");
    expect(hook.messages()[0]?.userAgent).to.match(/^DiscordBot/);
  });

  it("surfaces the fake's 50035 body as a DiscordAPIError", async () => {
    const error = await client.send({ content: "x".repeat(2001) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.have.property("code", 50035);
    expect(error).to.have.nested.property("rawError.errors.content._errors[0].code", "BASE_TYPE_MAX_LENGTH");
  });

  it("is retried by discord.js after an injected 429 and the message is then delivered once", async () => {
    hook.injectFaults([{ status: 429, retryAfterSeconds: 0.05 }]);
    await client.send({ content: "after the limit" });
    expect(hook.requests().map((r) => r.status)).to.deep.equal([429, 200]);
    expect(hook.messages().map((m) => m.body.content)).to.deep.equal(["after the limit"]);
  });
});
