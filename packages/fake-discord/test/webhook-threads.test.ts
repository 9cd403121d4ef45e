import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { postJson } from "./support/webhook-client.js";

const THREAD = "1400000000000000001";
const OTHER_CHANNELS_THREAD = "1400000000000000009";

describe("fake Discord webhook: thread_id (Execute Webhook's query)", () => {
  let hook: FakeDiscordWebhook;

  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ rateLimit: false, threads: { [THREAD]: "late-night" } });
  });
  afterEach(() => hook.close());

  it("posts into a thread of the webhook's channel: the message's channel_id is the thread's", async () => {
    const res = await postJson(`${hook.webhookUrl}?wait=true&thread_id=${THREAD}`, { content: "hi" });
    expect(res.status).to.equal(200);
    expect((res.json as { channel_id: string }).channel_id).to.equal(THREAD);
    expect(hook.messages()[0]?.threadId).to.equal(THREAD);
  });

  it("leaves a message without thread_id in the channel itself", async () => {
    const res = await postJson(`${hook.webhookUrl}?wait=true`, { content: "hi" });
    expect((res.json as { channel_id: string }).channel_id).to.equal("1300000000000000001");
    expect(hook.messages()[0]?.threadId).to.equal(undefined);
  });

  it("answers 404 Unknown Channel (10003) for a thread that is not in the webhook's channel, and records nothing", async () => {
    const res = await postJson(`${hook.webhookUrl}?wait=true&thread_id=${OTHER_CHANNELS_THREAD}`, {
      content: "hi",
    });
    expect(res.status).to.equal(404);
    expect(res.json).to.deep.equal({ message: "Unknown Channel", code: 10003 });
    expect(hook.messages()).to.deep.equal([]);
  });

  it("refuses a thread_id that is not a snowflake as a form error on thread_id", async () => {
    const res = await postJson(`${hook.webhookUrl}?thread_id=general`, { content: "hi" });
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.include({ code: 50035 });
    expect(JSON.stringify(res.json)).to.include("thread_id");
  });
});
