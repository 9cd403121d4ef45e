import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bot, start as startBot } from "@stepcord/bot";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import type { ScriptedOption } from "@stepcord/fake-discord/interactions";
import pino from "pino";
import { DemoClock } from "../../src/demo/demo-clock.js";
import { type DemoServers, startDemoServers } from "../../src/demo/demo-servers.js";
import { DEMO_CHANNELS, DEMO_GUILD_ID, demoGuild, rookeryGuild } from "../../src/demo/evening.js";
import { type LocalStack, startLocalStack } from "../../src/index.js";

/** MANAGE_GUILD (permissions.mdx, 1 << 5), as Discord sends `member.permissions`: a decimal string. */
export const MANAGE_SERVER = "32";
/** VIEW_CHANNEL and SEND_MESSAGES only (1 << 10 | 1 << 11). */
export const PLAIN_MEMBER = "3072";

/**
 * The real bot, the local stack's real settings workflow on dynalite, and the fake Discord (gateway, interactions and
 * one webhook per server), on one clock that stands still at `atMs` for the bot and ticks for the fakes.
 */
export interface SettingsWorld {
  stack: LocalStack;
  servers: DemoServers;
  gateway: FakeDiscord;
  bot: Bot | undefined;
  clock: DemoClock;
  startBot(): Promise<Bot>;
  /** `/stepcord <subcommand>` by a member of the demo guild; resolves with the bot's final answer. */
  command(subcommand: string, options?: ScriptedOption[], permissions?: string): Promise<string>;
  close(): Promise<void>;
}

export async function until(done: () => boolean, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startSettingsWorld(atMs: number): Promise<SettingsWorld> {
  const clock = new DemoClock(atMs);
  const servers = await startDemoServers({ now: clock.now });
  const stack = await startLocalStack({ servers: servers.config, logger: pino({ level: "silent" }) });
  // Interaction ids (whose time a pause counts from) come from the same evening clock as the bot's.
  const gateway = await startFakeDiscord({ guilds: [demoGuild(), rookeryGuild()], now: clock.now });
  const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-settings-e2e-"));
  const world: SettingsWorld = {
    stack,
    servers,
    gateway,
    bot: undefined,
    clock,
    async startBot() {
      world.bot = await startBot({
        env: {
          DISCORD_TOKEN: gateway.token,
          DISCORD_API_URL: gateway.restUrl,
          // No SETTINGS_ENDPOINT: the bot finds /settings beside /events, as a deployed bot does.
          ...stack.botEnv(),
          STEPCORD_OUTBOX_DIR: outboxDir,
          BATCH_WINDOW_MS: "50",
        },
        logger: pino({ level: "silent" }),
        now: clock.sceneNow,
      });
      const bot = world.bot;
      await until(() => bot.health().ready && gateway.registeredCommands("global").length === 1);
      return bot;
    },
    async command(subcommand, options = [], permissions = MANAGE_SERVER) {
      const sent = gateway.dispatchInteraction({
        guildId: DEMO_GUILD_ID,
        channelId: DEMO_CHANNELS.lounge.id,
        member: { user: { id: "310000000000000001", username: "ana" } },
        permissions,
        allowedByOverwrite: permissions !== MANAGE_SERVER,
        command: "stepcord",
        options: [{ name: subcommand, type: 1, options }],
      });
      await until(() => {
        const original = gateway.interaction(sent.id)?.original;
        return original !== undefined && !original.loading;
      });
      return gateway.interaction(sent.id)?.original?.content ?? "";
    },
    async close() {
      await world.bot?.stop().catch(() => undefined);
      await gateway.close().catch(() => undefined);
      await stack.close().catch(() => undefined);
      await servers.close().catch(() => undefined);
      await rm(outboxDir, { recursive: true, force: true });
    },
  };
  return world;
}
