import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { ManualClock, postJson, send } from "./support/webhook-client.js";

describe("fake Discord webhook: routing and responses", () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 21, 4, 5));
  let hook: FakeDiscordWebhook;
  let origin: string;

  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ now: clock.now, rateLimit: false });
    origin = new URL(hook.webhookUrl).origin;
  });
  afterEach(() => hook.close());

  it("exposes a v10 webhook URL with a snowflake id and a 68-character token, and the unversioned copy", () => {
    expect(hook.webhookUrl).to.match(
      /^http:\/\/127\.0\.0\.1:\d+\/api\/v10\/webhooks\/1300000000000000000\/[A-Za-z0-9_-]{68}$/,
    );
    expect(hook.copiedWebhookUrl).to.equal(hook.webhookUrl.replace("/api/v10/", "/api/"));
    expect(hook.messagesUrl).to.equal(`${origin}/_fake/messages`);
  });

  it("answers 204 with no body and records the message when wait is absent", async () => {
    const res = await send(hook.webhookUrl, {
      body: JSON.stringify({ content: "hi" }),
      userAgent: "DiscordBot (test, 1.0)",
    });
    expect(res.status).to.equal(204);
    expect(res.text).to.equal("");
    const [message] = hook.messages();
    expect(message).to.include({
      receivedAt: "2026-11-22T21:04:05.000Z",
      flags: 0,
      userAgent: "DiscordBot (test, 1.0)",
    });
    expect(message?.body).to.deep.equal({ content: "hi" });
  });

  it("answers 200 with Discord's message object when wait=true", async () => {
    const res = await postJson(`${hook.webhookUrl}?wait=true`, {
      content: "hi",
      flags: 4096,
      embeds: [{ description: "d" }],
    });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.include({
      type: 0,
      id: hook.messages()[0]?.id,
      channel_id: "1300000000000000001",
      webhook_id: "1300000000000000000",
      content: "hi",
      embeds: [{ type: "rich", description: "d" }],
      flags: 4096,
      timestamp: "2026-11-22T21:04:05.000000+00:00",
    });
  });

  it("gives messages strictly increasing snowflake ids even when the clock stands still", async () => {
    for (const content of ["a", "b", "c"]) await postJson(hook.webhookUrl, { content });
    const ids = hook.messages().map((m) => BigInt(m.id));
    expect(ids).to.deep.equal([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(ids).size).to.equal(3);
  });

  it("accepts the unversioned route Discord hands out as well as /api/v10", async () => {
    expect((await postJson(hook.copiedWebhookUrl, { content: "v6" })).status).to.equal(204);
    expect((await postJson(hook.webhookUrl, { content: "v10" })).status).to.equal(204);
  });

  it("answers 404 Unknown Webhook (10015) for an unknown webhook id", async () => {
    const url = hook.webhookUrl.replace("1300000000000000000", "1300000000000000009");
    const res = await postJson(url, { content: "x" });
    expect(res.status).to.equal(404);
    expect(res.json).to.deep.equal({ message: "Unknown Webhook", code: 10015 });
  });

  it("answers 401 Invalid Webhook Token (50027) for the right id with a wrong token, as Discord does", async () => {
    const url = hook.webhookUrl.replace(/[^/]+$/, "x".repeat(68));
    const res = await postJson(url, { content: "x" });
    expect(res.status).to.equal(401);
    expect(res.json).to.deep.equal({ message: "Invalid Webhook Token", code: 50027 });
  });

  it("answers 405 for methods other than POST on the webhook", async () => {
    const res = await send(hook.webhookUrl, { method: "PUT", body: "{}" });
    expect(res.status).to.equal(405);
    expect(res.json).to.deep.equal({ message: "405: Method Not Allowed", code: 0 });
  });

  it("answers 404: Not Found for paths that are not webhook routes", async () => {
    const res = await send(`${origin}/api/channels/1/messages`, { method: "GET" });
    expect(res.status).to.equal(404);
    expect(res.json).to.deep.equal({ message: "404: Not Found", code: 0 });
  });

  it("answers 50109 for a body that is not JSON", async () => {
    const res = await send(hook.webhookUrl, { body: "{content:" });
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.equal({ message: "The request body contains invalid JSON.", code: 50109 });
  });

  it("answers 50035 for a JSON body sent without an application/json content type", async () => {
    const res = await send(hook.webhookUrl, { body: '{"content":"x"}', contentType: "text/plain" });
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.equal({ message: "Invalid Form Body", code: 50035 });
  });

  it("accepts application/json with a charset parameter", async () => {
    const res = await send(hook.webhookUrl, {
      body: '{"content":"x"}',
      contentType: "application/json; charset=utf-8",
    });
    expect(res.status).to.equal(204);
  });

  it("records rejected requests too, with the token redacted from the path", async () => {
    await send(hook.webhookUrl, { body: "nope" });
    await postJson(`${hook.webhookUrl}?wait=true`, { content: "ok" });
    const requests = hook.requests();
    expect(requests.map((r) => [r.method, r.path, r.status])).to.deep.equal([
      ["POST", "/api/v10/webhooks/1300000000000000000/[token]", 400],
      ["POST", "/api/v10/webhooks/1300000000000000000/[token]", 200],
    ]);
    expect(requests[0]?.body).to.equal("nope");
    expect(requests[1]?.query).to.deep.equal({ wait: "true" });
    const token = hook.webhookUrl.split("/").pop() ?? "";
    expect(token).to.have.length.above(10);
    expect(JSON.stringify(requests)).not.to.include(token);
  });

  it("records only accepted messages", async () => {
    await postJson(hook.webhookUrl, {});
    await postJson(hook.webhookUrl, { content: "kept" });
    expect(hook.messages().map((m) => m.body)).to.deep.equal([{ content: "kept" }]);
  });

  it("lists accepted messages at GET /_fake/messages and clears them with DELETE", async () => {
    await postJson(hook.webhookUrl, { content: "one" });
    const listed = await send(hook.messagesUrl, { method: "GET" });
    expect((listed.json as Array<{ body: unknown }>).map((m) => m.body)).to.deep.equal([{ content: "one" }]);
    expect((await send(hook.messagesUrl, { method: "DELETE" })).status).to.equal(204);
    expect(hook.messages()).to.deep.equal([]);
    expect(hook.requests()).to.have.length(1);
  });
});
