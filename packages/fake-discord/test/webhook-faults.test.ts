import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { ManualClock, postJson, send } from "./support/webhook-client.js";

describe("fake Discord webhook: injected faults", () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 22, 21, 0, 0));
  let hook: FakeDiscordWebhook;

  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ now: clock.now });
  });
  afterEach(() => hook.close());

  it("answers queued faults in order, one per request, then behaves normally", async () => {
    hook.injectFaults([{ status: 500 }, { status: 404, code: 10015 }]);
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await postJson(hook.webhookUrl, { content: `m${i}` })).status);
    expect(statuses).to.deep.equal([500, 404, 204]);
    expect(hook.messages().map((m) => m.body.content)).to.deep.equal(["m2"]);
  });

  it("sends a Discord-shaped 429 with Retry-After and X-RateLimit headers for a rate-limit fault", async () => {
    hook.injectFaults([{ status: 429, retryAfterSeconds: 0.05 }]);
    const res = await postJson(hook.webhookUrl, { content: "x" });
    expect(res.status).to.equal(429);
    expect(res.json).to.deep.equal({
      message: "You are being rate limited.",
      retry_after: 0.05,
      global: false,
    });
    expect(res.headers.get("retry-after")).to.equal("1");
    expect(res.headers.get("x-ratelimit-reset-after")).to.equal("0.050");
    expect(res.headers.get("x-ratelimit-scope")).to.equal("user");
  });

  it("sends a 429 with a JSON body and no rate-limit headers when noHeaders is set", async () => {
    hook.injectFaults([{ status: 429, noHeaders: true }]);
    const res = await postJson(hook.webhookUrl, { content: "x" });
    expect(res.status).to.equal(429);
    expect(res.json).to.deep.equal({ message: "You are being rate limited.", retry_after: 1, global: false });
    expect(res.headers.get("retry-after")).to.equal(null);
    expect([...res.headers.keys()].filter((name) => name.startsWith("x-ratelimit"))).to.deep.equal([]);
  });

  it("marks a global rate-limit fault with X-RateLimit-Global and scope global", async () => {
    hook.injectFaults([{ status: 429, retryAfterSeconds: 2.5, global: true }]);
    const res = await postJson(hook.webhookUrl, { content: "x" });
    expect(res.json).to.include({ global: true, retry_after: 2.5 });
    expect(res.headers.get("x-ratelimit-global")).to.equal("true");
    expect(res.headers.get("x-ratelimit-scope")).to.equal("global");
    expect(res.headers.get("retry-after")).to.equal("3");
  });

  it("answers 500 with Discord's generic error body", async () => {
    hook.injectFaults([{ status: 500 }]);
    const res = await postJson(hook.webhookUrl, { content: "x" });
    expect(res.json).to.deep.equal({ message: "500: Internal Server Error", code: 0 });
  });

  it("answers a 404 fault with Unknown Webhook", async () => {
    hook.injectFaults([{ status: 404, code: 10015 }]);
    const res = await postJson(hook.webhookUrl, { content: "x" });
    expect(res.json).to.deep.equal({ message: "Unknown Webhook", code: 10015 });
  });

  it("bypasses validation, so even an invalid body gets the fault", async () => {
    hook.injectFaults([{ status: 503 }]);
    const res = await send(hook.webhookUrl, { body: "not json" });
    expect(res.status).to.equal(503);
  });

  it("does not spend the rate-limit bucket on faulted requests", async () => {
    hook.injectFaults(Array.from({ length: 5 }, () => ({ status: 500 })));
    for (let i = 0; i < 5; i += 1) await postJson(hook.webhookUrl, { content: "x" });
    const results = [];
    for (let i = 0; i < 5; i += 1) results.push((await postJson(hook.webhookUrl, { content: "x" })).status);
    expect(results).to.deep.equal([204, 204, 204, 204, 204]);
  });

  it("records faulted requests with their status", async () => {
    hook.injectFaults([{ status: 429, noHeaders: true }]);
    await postJson(hook.webhookUrl, { content: "x" });
    expect(hook.requests().map((r) => r.status)).to.deep.equal([429]);
  });
});
