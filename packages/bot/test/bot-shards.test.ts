import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeGuild, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { type Bot, start } from "../src/index.js";
import { ANA, BEN, botTestGuild, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, botTestEnv, startBotRig } from "./support/bot-rig.js";
import { sleepingClock } from "./support/sleeping-clock.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "./support/verifying-server.js";

/** A guild whose id puts it on `shard` of `count` (gateway.mdx, "Sharding Formula": (guild_id >> 22) % count). */
function guildOnShard(shard: number, count: number, n = 1): FakeGuild {
  // A snowflake's top bits are its time: 10^9 shifted by 22 is a 16-digit id, as real ones are.
  const id = String((BigInt(1_000_000_000 * count + n * count + shard) << 22n) + 1n);
  return { ...botTestGuild(), id, name: `on shard ${shard}` };
}

const shardOf = (guildId: string, count: number) => Number((BigInt(guildId) >> 22n) % BigInt(count));

/** Issue 16, item 3: the bot past one shard, and past one process. */
describe("the bot sharded", () => {
  let rig: BotRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("runs every shard of SHARD_COUNT in one process and hears each guild through its own shard", async () => {
    const other = guildOnShard(1 - shardOf(GUILD_ID, 2), 2);
    rig = await startBotRig({ env: { SHARD_COUNT: "2" }, guilds: [botTestGuild(), other] });
    expect(rig.fake.identifiedShards).to.have.deep.members([
      [0, 2],
      [1, 2],
    ]);
    rig.fake.emitVoiceStateUpdate({ guild_id: other.id, user_id: BEN, channel_id: LOUNGE });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null });
    await until(() => rig?.events().length === 2);
    expect(rig.events()).to.have.members([`join:${BEN}`, `leave:${ANA}`]);
  });

  it("stops with an error naming SHARD_COUNT when Discord refuses a shard of more than 2,500 guilds (4011)", async () => {
    const guilds = Array.from({ length: 2_501 }, (_, n) => guildOnShard(0, 1, n));
    const fake = await startFakeDiscord({ guilds });
    let fatal: (Error & { closeCode?: number | undefined }) | undefined;
    const { now, sleep } = sleepingClock();
    const started = start({
      env: {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.restUrl,
        EVENTS_ENDPOINT: "http://127.0.0.1:9/e",
        AWS_REGION: "eu-west-1",
        STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-4011-")),
      },
      now,
      sleep,
      credentials: TEST_CREDENTIALS,
      logger: pino({ level: "silent" }),
      onFatal: (error) => {
        fatal = error;
      },
    }).then(
      (bot) => bot.stop(),
      (error: Error) => {
        fatal ??= error;
      },
    );
    await until(() => fatal !== undefined);
    await started;
    expect(fatal?.closeCode).to.equal(4011);
    expect(fatal?.message).to.include("SHARD_COUNT");
    await fake.close();
  });
});

/**
 * Two ECS tasks of one bot, each with its SHARD_IDS and its own outbox, started together against one Discord whose
 * max_concurrency is 1: every shard shares the one rate-limit key (gateway.mdx, "Max Concurrency").
 */
describe("the bot as two tasks with disjoint shard ranges", function () {
  // Each shard waits for its slot of the shared identify schedule: up to two 6 s windows here.
  this.timeout(40_000);

  it("identifies every shard once, none refused for its max_concurrency bucket, and each task delivers its guilds", async () => {
    const guilds = [guildOnShard(0, 2), guildOnShard(1, 2)];
    const fake = await startFakeDiscord({ guilds, maxConcurrency: 1 });
    const server = await startVerifyingServer();
    const task = async (shardIds: string) =>
      start({
        env: {
          ...botTestEnv(fake, server, await mkdtemp(join(tmpdir(), `stepcord-task-${shardIds}-`))),
          SHARD_COUNT: "2",
          SHARD_IDS: shardIds,
        },
        credentials: TEST_CREDENTIALS,
        logger: pino({ level: "silent" }),
      });
    const bots: Bot[] = await Promise.all([task("0"), task("1")]);
    await until(() => bots.every((bot) => bot.health().ready), 30_000, "both tasks ready");
    expect(fake.concurrencyRefusedShards).to.deep.equal([]);
    expect(fake.identifiedShards).to.have.deep.members([
      [0, 2],
      [1, 2],
    ]);
    for (const guild of guilds)
      fake.emitVoiceStateUpdate({ guild_id: guild.id, user_id: BEN, channel_id: LOUNGE });
    await until(() => server.received.length >= 2);
    expect(
      server.received.map((batch) => (batch.events[0] as unknown as { guild: { id: string } }).guild.id),
    ).to.have.members(guilds.map((g) => g.id));
    for (const bot of bots) await bot.stop();
    await fake.close();
    await server.close();
  });
});
