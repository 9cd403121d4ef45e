import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { ManualClock, postJson } from "./support/webhook-client.js";

// discord/discord-api-docs: developers/reference.mdx ("API Versioning") for the default and discontinued versions,
// developers/change-log.mdx ("API and Gateway V8") for retry_after turning from milliseconds into seconds.
describe("fake Discord webhook: API versions", () => {
  let clock: ManualClock;
  let hook: FakeDiscordWebhook;

  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 22, 21, 0, 0));
    hook = await startFakeDiscordWebhook({ now: clock.now });
  });
  afterEach(() => hook.close());

  const limitedAt = async (url: string) => {
    for (let i = 0; i < 5; i += 1) await postJson(url, { content: `m${i}` });
    clock.advance(500);
    return postJson(url, { content: "sixth" });
  };
  const versioned = (version: number) => hook.webhookUrl.replace("/api/v10/", `/api/v${version}/`);

  it("answers the unversioned route as the default v6: retry_after and Retry-After in milliseconds", async () => {
    const limited = await limitedAt(hook.copiedWebhookUrl);
    expect(limited.status).to.equal(429);
    expect(limited.json).to.deep.equal({
      message: "You are being rate limited.",
      retry_after: 1500,
      global: false,
    });
    expect(limited.headers.get("retry-after")).to.equal("1500");
  });

  it("answers /api/v10 in seconds", async () => {
    const limited = await limitedAt(hook.webhookUrl);
    expect(limited.json).to.include({ retry_after: 1.5 });
    expect(limited.headers.get("retry-after")).to.equal("2");
  });

  it("switches to seconds at v8, as the v8 change log says", async () => {
    expect((await limitedAt(versioned(7))).json).to.include({ retry_after: 1500 });
    clock.advance(2000);
    expect((await limitedAt(versioned(8))).json).to.include({ retry_after: 1.5 });
  });

  it("puts an injected 429 in the route's version's units too", async () => {
    hook.injectFaults([{ status: 429, retryAfterSeconds: 0.25 }]);
    const limited = await postJson(hook.copiedWebhookUrl, { content: "x" });
    expect(limited.json).to.include({ retry_after: 250 });
    expect(limited.headers.get("retry-after")).to.equal("250");
  });

  it("answers 400 Bad Request on a discontinued version (v3 to v5) and delivers nothing", async () => {
    for (const version of [3, 4, 5]) {
      const res = await postJson(versioned(version), { content: "old" });
      expect(res.status, `v${version}`).to.equal(400);
    }
    expect(hook.messages()).to.deep.equal([]);
  });

  it("answers a version Discord does not list (v2, v11) like any unknown route, 404", async () => {
    for (const version of [2, 11])
      expect((await postJson(versioned(version), { content: "x" })).status).to.equal(404);
  });
});
