import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { ManualClock, postJson } from "./support/webhook-client.js";

describe("fake Discord webhook: rate limit", () => {
  const start = Date.UTC(2026, 10, 22, 21, 0, 0);
  let clock: ManualClock;
  let hook: FakeDiscordWebhook;

  beforeEach(async () => {
    clock = new ManualClock(start);
    hook = await startFakeDiscordWebhook({ now: clock.now });
  });
  afterEach(() => hook.close());

  const burst = async (n: number) => {
    const results = [];
    for (let i = 0; i < n; i += 1) results.push(await postJson(hook.webhookUrl, { content: `m${i}` }));
    return results;
  };

  it("answers 429 with retry_after once 5 messages arrive within 2 seconds", async () => {
    const results = await burst(5);
    expect(results.map((r) => r.status)).to.deep.equal([204, 204, 204, 204, 204]);
    clock.advance(500);
    const limited = await postJson(hook.webhookUrl, { content: "sixth" });
    expect(limited.status).to.equal(429);
    expect(limited.json).to.deep.equal({
      message: "You are being rate limited.",
      retry_after: 1.5,
      global: false,
    });
    expect(limited.headers.get("retry-after")).to.equal("2");
    expect(limited.headers.get("x-ratelimit-scope")).to.equal("user");
    expect(limited.headers.get("x-ratelimit-remaining")).to.equal("0");
    expect(hook.messages()).to.have.length(5);
  });

  it("accepts again once the clock passes the end of the window", async () => {
    await burst(5);
    clock.advance(1999);
    expect((await postJson(hook.webhookUrl, { content: "early" })).status).to.equal(429);
    clock.advance(1);
    expect((await postJson(hook.webhookUrl, { content: "on time" })).status).to.equal(204);
  });

  it("sends Discord's X-RateLimit headers on every accepted request", async () => {
    const [first] = await burst(1);
    clock.advance(250);
    const [second] = await burst(1);
    expect(first?.headers.get("x-ratelimit-limit")).to.equal("5");
    expect(first?.headers.get("x-ratelimit-remaining")).to.equal("4");
    expect(first?.headers.get("x-ratelimit-reset")).to.equal(((start + 2000) / 1000).toFixed(3));
    expect(first?.headers.get("x-ratelimit-reset-after")).to.equal("2.000");
    expect(second?.headers.get("x-ratelimit-remaining")).to.equal("3");
    expect(second?.headers.get("x-ratelimit-reset-after")).to.equal("1.750");
    expect(first?.headers.get("x-ratelimit-bucket")).to.match(/^[0-9a-f]{32}$/);
    expect(second?.headers.get("x-ratelimit-bucket")).to.equal(first?.headers.get("x-ratelimit-bucket"));
  });

  it("spends the bucket on rejected bodies too, since Discord limits before it validates", async () => {
    for (let i = 0; i < 5; i += 1) expect((await postJson(hook.webhookUrl, {})).status).to.equal(400);
    expect((await postJson(hook.webhookUrl, { content: "valid" })).status).to.equal(429);
  });

  it("does not spend the bucket on requests to an unknown webhook", async () => {
    const unknown = hook.webhookUrl.replace("1300000000000000000", "1300000000000000042");
    for (let i = 0; i < 6; i += 1) expect((await postJson(unknown, { content: "x" })).status).to.equal(404);
    expect((await postJson(hook.webhookUrl, { content: "x" })).status).to.equal(204);
  });

  it("honours a custom limit and window", async () => {
    await hook.close();
    hook = await startFakeDiscordWebhook({ now: clock.now, rateLimit: { limit: 2, windowMs: 100 } });
    expect((await burst(3)).map((r) => r.status)).to.deep.equal([204, 204, 429]);
    clock.advance(100);
    expect((await burst(1))[0]?.status).to.equal(204);
  });

  it("never limits when rateLimit is false", async () => {
    await hook.close();
    hook = await startFakeDiscordWebhook({ now: clock.now, rateLimit: false });
    const results = await burst(20);
    expect(results.every((r) => r.status === 204)).to.equal(true);
    expect(results[0]?.headers.get("x-ratelimit-limit")).to.equal(null);
  });
});
