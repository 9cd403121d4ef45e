// The bot's side of the memory and shard benches: stepcord's own start() against the fake Discord, with the
// environment a deployed bot has and an events endpoint nothing answers on (the benches measure the gateway side).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "discord.js";

export interface BenchBotOptions {
  restUrl: string;
  token: string;
  /** The outbox directory's prefix under the temp dir, so each bench's leftovers are told apart. */
  outboxPrefix: string;
  /** How long the bot may take to be ready, in ms; past it the bench fails. */
  readyDeadlineMs: number;
  /** SHARD_COUNT; unset, the bot's default (one shard). */
  shards?: number;
}

export async function loginBenchBot(options: BenchBotOptions): Promise<Client> {
  // Imported here, so a defaults child loads only discord.js and not the bot's own modules.
  const { start } = await import("../packages/bot/src/index.js");
  const { pino } = await import("pino");
  const bot = await start({
    env: {
      DISCORD_TOKEN: options.token,
      DISCORD_API_URL: options.restUrl,
      EVENTS_ENDPOINT: "http://127.0.0.1:9/events",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDBENCH",
      AWS_SECRET_ACCESS_KEY: "bench/secret",
      STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), options.outboxPrefix)),
      ...(options.shards === undefined ? {} : { SHARD_COUNT: String(options.shards) }),
    },
    logger: pino({ level: "silent" }),
  });
  const deadline = Date.now() + options.readyDeadlineMs;
  while (!bot.health().ready) {
    if (Date.now() > deadline) throw new Error(`the bot was not ready within ${options.readyDeadlineMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return bot.client;
}
