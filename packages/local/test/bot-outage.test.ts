import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bot, start as startBot } from "@stepcord/bot";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import type { AcceptedMessage } from "@stepcord/fake-discord/webhook";
import { expect } from "chai";
import { pino } from "pino";
import { ANA, BEN, CAL, DEE, DEMO_CHANNELS, DEMO_GUILD_ID, demoGuild, RAIDERS } from "../src/demo/evening.js";
import { localIdentities } from "../src/local-account.js";
import { type LocalStack, startLocalStack } from "../src/local-stack.js";

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(check: () => boolean, what: string, withinMs = 30_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${withinMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const descriptions = (messages: AcceptedMessage[]) =>
  messages.flatMap((m) => (m.body.embeds as Array<{ description: string }>).map((e) => e.description));

describe("the real bot through an events API outage", function () {
  this.timeout(90_000);
  let gateway: FakeDiscord;
  let bot: Bot | undefined;
  let stacks: LocalStack[] = [];

  afterEach(async () => {
    await bot?.stop();
    await gateway.close();
    for (const stack of stacks) await stack.close().catch(() => undefined);
    stacks = [];
  });

  it("delivers every event exactly once when the events API is down at first, then up, then down and up again", async () => {
    gateway = await startFakeDiscord({ guilds: [demoGuild()] });
    const port = await freePort();
    const bots = localIdentities();
    bot = await startBot({
      env: {
        DISCORD_TOKEN: gateway.token,
        DISCORD_API_URL: gateway.restUrl,
        EVENTS_ENDPOINT: `http://127.0.0.1:${port}/events`,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: bots.bot.accessKeyId,
        AWS_SECRET_ACCESS_KEY: bots.bot.secretAccessKey,
        STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-outage-")),
        BATCH_WINDOW_MS: "50",
      },
      logger: pino({ level: "silent" }),
    });
    const running = bot;
    await until(() => running.health().ready, "the bot to be ready");
    const joinLounge = (userId: string) =>
      gateway.emitVoiceStateUpdate({
        guild_id: DEMO_GUILD_ID,
        user_id: userId,
        channel_id: DEMO_CHANNELS.lounge.id,
      });

    // Down: nothing listens on the events port; the bot keeps its batches in the outbox.
    joinLounge(ANA.id);
    joinLounge(BEN.id);
    await until(() => running.health().outboxDepth >= 1, "a queued batch");

    // Up: the same port now serves the local stack; the queued batch goes through.
    const first = await startLocalStack({ ports: { events: port } });
    stacks.push(first);
    await until(() => descriptions(first.fakeWebhook?.messages() ?? []).length === 2, "the first two joins");

    // Down again mid-stream, with more events arriving meanwhile; then up again.
    await first.close();
    stacks = [];
    joinLounge(CAL.id);
    for (const raider of RAIDERS.slice(0, 12)) joinLounge(raider.id);
    joinLounge(DEE.id);
    await until(() => running.health().outboxDepth >= 2, "batches queued during the second outage");
    const second = await startLocalStack({ ports: { events: port } });
    stacks.push(second);
    await until(() => descriptions(second.fakeWebhook?.messages() ?? []).length === 14, "the 14 later joins");
    await until(() => running.health().outboxDepth === 0, "an empty outbox");

    const all = [
      ...descriptions(first.fakeWebhook?.messages() ?? []),
      ...descriptions(second.fakeWebhook?.messages() ?? []),
    ];
    const joined = [ANA, BEN, CAL, ...RAIDERS.slice(0, 12), DEE].map((p) => `<@${p.id}> joined`);
    expect(all).to.have.length(joined.length);
    for (const start of joined)
      expect(
        all.filter((d) => d.startsWith(start)),
        start,
      ).to.have.length(1);
    const batchIds = [...first.runner.executions(), ...second.runner.executions()].map(
      (e) => (JSON.parse(e.input) as { batchId: string }).batchId,
    );
    expect(new Set(batchIds).size).to.equal(batchIds.length);
  });
});
