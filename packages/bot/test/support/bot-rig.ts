import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FakeDiscord,
  type FakeGuild,
  type StartFakeDiscordOptions,
  startFakeDiscord,
} from "@stepcord/fake-discord/gateway";
import pino from "pino";
import { type Bot, start } from "../../src/index.js";
import { botTestGuild, until } from "./bot-fixture.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./verifying-server.js";

export interface BotRig {
  fake: FakeDiscord;
  server: VerifyingServer;
  bot: Bot;
  /** What the endpoint received, in order, as `type:userId`. */
  events(): string[];
  close(): Promise<void>;
}

/** The environment every real-bot test starts from: the fake gateway, the verifying server, a 20 ms window. */
export function botTestEnv(
  fake: FakeDiscord,
  server: VerifyingServer,
  outboxDir: string,
): Record<string, string> {
  return {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.restUrl,
    EVENTS_ENDPOINT: server.url,
    AWS_REGION: "eu-west-1",
    STEPCORD_OUTBOX_DIR: outboxDir,
    BATCH_WINDOW_MS: "20",
  };
}

/**
 * The real bot, logged in to the fake gateway and delivering to a SigV4-verifying server; `env` adds to the rig's,
 * `fakeOptions` to the fake's (a short heartbeat interval, the privileged intents granted).
 */
export async function startBotRig(
  env: Record<string, string> = {},
  guilds: FakeGuild[] = [botTestGuild()],
  fakeOptions: Omit<StartFakeDiscordOptions, "guilds"> = {},
): Promise<BotRig> {
  const fake = await startFakeDiscord({ ...fakeOptions, guilds });
  const server = await startVerifyingServer();
  const bot = await start({
    env: { ...botTestEnv(fake, server, await mkdtemp(join(tmpdir(), "stepcord-bot-"))), ...env },
    credentials: TEST_CREDENTIALS,
    logger: pino({ level: "silent" }),
  });
  await until(() => bot.health().ready);
  return {
    fake,
    server,
    bot,
    events: () => server.received.flatMap((b) => b.events.map((e) => `${e.type}:${e.user.id}`)),
    async close() {
      await bot.stop();
      await fake.close();
      await server.close();
    },
  };
}
