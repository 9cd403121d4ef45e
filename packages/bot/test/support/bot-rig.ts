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
import { type Bot, type StartOptions, start } from "../../src/index.js";
import { botTestGuild, until } from "./bot-fixture.js";
import { SettingsStandIn } from "./settings-stand-in.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./verifying-server.js";

/** What a test adds to start()'s options besides the environment: a clock, a sleep, onFatal. */
export type RigStartOptions = Omit<StartOptions, "env">;

export interface BotRigOptions {
  /** Added to the rig's environment (botTestEnv). */
  env?: Record<string, string>;
  /** @default [botTestGuild()] */
  guilds?: FakeGuild[];
  /** Added to the fake's options: a short heartbeat interval, the privileged intents granted... */
  fake?: Omit<StartFakeDiscordOptions, "guilds">;
  start?: RigStartOptions;
  /** The settings workflow behind `POST /settings`, seeded before the bot starts; a fresh one by default. */
  settings?: SettingsStandIn;
}

export interface BotRig {
  fake: FakeDiscord;
  server: VerifyingServer;
  /** The settings workflow's stand-in, answering the verifying server's `/settings` route. */
  settings: SettingsStandIn;
  outboxDir: string;
  /** The bot started last. */
  bot: Bot;
  /** What the endpoint received, in order, as `type:userId`. */
  events(): string[];
  /** Stops the bot; the fake gateway, the server and the outbox stay, as they do for a process that exits. */
  stopBot(): Promise<void>;
  /**
   * Starts another bot on the same gateway, server and outbox, as a restarted process would, and waits for ready;
   * `env` is added to the rig's environment for this start.
   */
  startBot(options?: RigStartOptions, env?: Record<string, string>): Promise<Bot>;
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

/** The real bot, logged in to the fake gateway and delivering to a SigV4-verifying server, ready. */
export async function startBotRig(options: BotRigOptions = {}): Promise<BotRig> {
  const fake = await startFakeDiscord({ ...options.fake, guilds: options.guilds ?? [botTestGuild()] });
  const server = await startVerifyingServer();
  const settings = options.settings ?? new SettingsStandIn();
  server.answerSettingsWith((body) => settings.answer(body));
  const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-bot-"));
  const env = { ...botTestEnv(fake, server, outboxDir), ...options.env };
  const launch = async (startOptions: RigStartOptions | undefined, extraEnv: Record<string, string> = {}) => {
    const started = await start({
      credentials: TEST_CREDENTIALS,
      logger: pino({ level: process.env.TEST_LOG ?? "silent" }),
      ...startOptions,
      env: { ...env, ...extraEnv },
    });
    await until(() => started.health().ready);
    return started;
  };
  let bot = await launch(options.start);
  let running = true;
  return {
    fake,
    server,
    settings,
    outboxDir,
    get bot() {
      return bot;
    },
    events: () => server.received.flatMap((b) => b.events.map((e) => `${e.type}:${e.user.id}`)),
    async stopBot() {
      if (running) await bot.stop();
      running = false;
    },
    async startBot(startOptions = options.start, extraEnv = {}) {
      bot = await launch(startOptions, extraEnv);
      running = true;
      return bot;
    },
    async close() {
      if (running) await bot.stop();
      await fake.close();
      await server.close();
    },
  };
}
