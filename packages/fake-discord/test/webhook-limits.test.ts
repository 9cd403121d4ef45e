import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { ManualClock, postJson, send } from "./support/webhook-client.js";

// Sources for each rule are beside the code: rate-limit-buckets.ts, cloudflare-ban.ts, invalid-request-counter.ts.
describe("fake Discord webhook: the limits beyond the webhook bucket", () => {
  const start = Date.UTC(2026, 10, 22, 21, 0, 0);
  let clock: ManualClock;
  let hook: FakeDiscordWebhook | undefined;
  afterEach(() => hook?.close());

  /** Posts `n` messages, stepping the clock past the 5-per-2 s webhook bucket after every fifth. */
  const postSpaced = async (target: FakeDiscordWebhook, n: number) => {
    const statuses = [];
    for (let i = 0; i < n; i += 1) {
      if (i > 0 && i % 5 === 0) clock.advance(2000);
      statuses.push((await postJson(target.webhookUrl, { content: `m${i}` })).status);
    }
    return statuses;
  };

  describe("the per-channel write limit", () => {
    beforeEach(async () => {
      clock = new ManualClock(start);
      hook = await startFakeDiscordWebhook({ now: clock.now });
    });

    it("answers the 31st message within 60 s with 429, code 20028 and scope shared", async () => {
      const target = hook as FakeDiscordWebhook;
      const statuses = await postSpaced(target, 30);
      expect(statuses.every((s) => s === 204)).to.equal(true);
      clock.advance(2000);
      const limited = await postJson(target.webhookUrl, { content: "31st" });
      expect(limited.status).to.equal(429);
      expect(limited.json).to.deep.equal({
        message: "The write action you are performing on the channel has hit the write rate limit.",
        retry_after: 48,
        global: false,
        code: 20028,
      });
      expect(limited.headers.get("x-ratelimit-scope")).to.equal("shared");
      expect(limited.headers.get("retry-after")).to.equal("48");
      expect(target.messages()).to.have.length(30);
    });

    it("keeps the webhook bucket's own headers on the channel's 429, as Discord does", async () => {
      const target = hook as FakeDiscordWebhook;
      await postSpaced(target, 30);
      clock.advance(2000);
      const limited = await postJson(target.webhookUrl, { content: "31st" });
      expect(limited.headers.get("x-ratelimit-limit")).to.equal("5");
      expect(limited.headers.get("x-ratelimit-remaining")).to.equal("4");
    });

    it("takes messages again once the channel's 60 s window has passed", async () => {
      const target = hook as FakeDiscordWebhook;
      await postSpaced(target, 30);
      clock.advance(60_000);
      expect((await postJson(target.webhookUrl, { content: "next minute" })).status).to.equal(204);
    });
  });

  describe("the invalid request limit and Cloudflare's ban", () => {
    beforeEach(async () => {
      clock = new ManualClock(start);
      hook = await startFakeDiscordWebhook({
        now: clock.now,
        rateLimit: { limit: 1, windowMs: 2000 },
        invalidRequestLimit: { limit: 3, windowMs: 600_000, banMs: 60_000 },
      });
    });

    const wrongToken = (target: FakeDiscordWebhook) => `${target.webhookUrl.slice(0, -4)}AAAA`;

    it("bans the IP once it reaches the limit of 401, 403 and 429 answers", async () => {
      const target = hook as FakeDiscordWebhook;
      expect((await postJson(wrongToken(target), { content: "x" })).status).to.equal(401);
      expect((await postJson(target.webhookUrl, { content: "ok" })).status).to.equal(204);
      expect((await postJson(target.webhookUrl, { content: "over" })).status).to.equal(429);
      target.injectFaults([{ status: 403, code: 50013 }]);
      expect((await postJson(target.webhookUrl, { content: "x" })).status).to.equal(403);
      clock.advance(2000);
      const banned = await postJson(target.webhookUrl, { content: "valid, but banned" });
      expect(banned.status).to.equal(429);
      expect(banned.text).to.equal("error code: 1015");
      expect(target.messages()).to.have.length(1);
    });

    it("answers a ban as Cloudflare does: text/plain, Retry-After, no X-RateLimit headers", async () => {
      const target = hook as FakeDiscordWebhook;
      for (let i = 0; i < 3; i += 1) await postJson(wrongToken(target), { content: "x" });
      const banned = await postJson(target.webhookUrl, { content: "x" });
      expect(banned.headers.get("content-type")).to.match(/^text\/plain/);
      expect(banned.headers.get("retry-after")).to.equal("60");
      expect([...banned.headers.keys()].filter((name) => name.startsWith("x-ratelimit"))).to.deep.equal([]);
      expect(banned.json).to.equal(undefined);
    });

    it("lifts the ban after its time", async () => {
      const target = hook as FakeDiscordWebhook;
      for (let i = 0; i < 3; i += 1) await postJson(wrongToken(target), { content: "x" });
      clock.advance(60_000);
      expect((await postJson(target.webhookUrl, { content: "back" })).status).to.equal(204);
    });

    it("forgets invalid answers older than the 10-minute window", async () => {
      const target = hook as FakeDiscordWebhook;
      await postJson(wrongToken(target), { content: "x" });
      await postJson(wrongToken(target), { content: "x" });
      clock.advance(600_000);
      await postJson(wrongToken(target), { content: "x" });
      expect((await postJson(target.webhookUrl, { content: "still allowed" })).status).to.equal(204);
    });

    it("does not count 400s, which Discord leaves out of the limit", async () => {
      const target = hook as FakeDiscordWebhook;
      for (let i = 0; i < 4; i += 1) {
        clock.advance(2000);
        expect((await send(target.webhookUrl, { body: "{" })).status).to.equal(400);
      }
      clock.advance(2000);
      expect((await postJson(target.webhookUrl, { content: "fine" })).status).to.equal(204);
    });
  });

  it("does not count a channel's shared-scope 429 against the invalid request limit", async () => {
    clock = new ManualClock(start);
    hook = await startFakeDiscordWebhook({
      now: clock.now,
      channelRateLimit: { limit: 1, windowMs: 60_000 },
      invalidRequestLimit: { limit: 2, windowMs: 600_000, banMs: 60_000 },
    });
    const statuses = await postSpaced(hook, 4);
    expect(statuses).to.deep.equal([204, 429, 429, 429]);
    clock.advance(60_000);
    expect((await postJson(hook.webhookUrl, { content: "not banned" })).status).to.equal(204);
  });
});
