import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { postJson, send } from "./support/webhook-client.js";

describe("fake Discord webhook: faults injected over HTTP", () => {
  let hook: FakeDiscordWebhook;
  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ rateLimit: false });
  });
  afterEach(() => hook.close());

  const postFaults = (faults: unknown) => send(hook.faultsUrl, { body: JSON.stringify(faults) });

  it("queues a JSON list of faults posted to /_fake/faults, one per later request", async () => {
    expect((await postFaults([{ status: 429, retryAfterSeconds: 2 }, { status: 500 }])).status).to.equal(204);
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await postJson(hook.webhookUrl, { content: `m${i}` })).status);
    expect(statuses).to.deep.equal([429, 500, 204]);
  });

  it("holds a request open without an answer for a hang fault", async () => {
    await postFaults([{ hang: true }]);
    const aborted = new AbortController();
    const pending = fetch(hook.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "stalls" }),
      signal: aborted.signal,
    }).then(
      (response) => `answered ${response.status}`,
      (error: Error) => error.name,
    );
    // Wait until the fake has the request: recorded with status 0, and still unanswered.
    while (hook.requests().length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await postJson(hook.webhookUrl, { content: "after" })).status).to.equal(204);
    aborted.abort();
    expect(await pending).to.equal("AbortError");
    expect(hook.requests().map((r) => r.status)).to.deep.equal([0, 204]);
    expect(hook.messages().map((m) => m.body.content)).to.deep.equal(["after"]);
  });

  it("answers a Cloudflare fault as text/plain with Retry-After only", async () => {
    await postFaults([{ status: 429, cloudflare: true, retryAfterSeconds: 30 }]);
    const res = await postJson(hook.webhookUrl, { content: "x" });
    expect(res.status).to.equal(429);
    expect(res.text).to.equal("error code: 1015");
    expect(res.headers.get("retry-after")).to.equal("30");
  });

  for (const [what, body] of [
    ["a body that is not a list", { status: 500 }],
    ["an unknown key", [{ status: 500, delayMs: 10 }]],
    ["a status that is not an error", [{ status: 200 }]],
    ["a hang with other keys", [{ hang: true, status: 500 }]],
  ] as const) {
    it(`refuses ${what} with 400 naming the problem`, async () => {
      const res = await postFaults(body);
      expect(res.status).to.equal(400);
      expect((res.json as { message: string }).message)
        .to.be.a("string")
        .and.not.equal("");
    });
  }

  it("clears queued faults on DELETE", async () => {
    await postFaults([{ status: 500 }]);
    expect((await send(hook.faultsUrl, { method: "DELETE" })).status).to.equal(204);
    expect((await postJson(hook.webhookUrl, { content: "x" })).status).to.equal(204);
  });
});
