import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { styleText } from "node:util";
import { type Bot, start as startBot } from "@stepcord/bot";
import type { VoiceEventBatch } from "@stepcord/events";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import {
  type AcceptedMessage,
  type FakeDiscordWebhook,
  type Fault,
  renderMarkup,
  SUPPRESS_NOTIFICATIONS,
} from "@stepcord/fake-discord/webhook";
import type { Logger } from "pino";
import { localLogger } from "../local-logger.js";
import { type LocalStack, startLocalStack } from "../local-stack.js";
import type { ExecutionRecord } from "../workflow-runner.js";
import { DemoClock } from "./demo-clock.js";
import { type DemoServers, startDemoServers } from "./demo-servers.js";
import {
  commandLine,
  DEMO_CHANNELS,
  DEMO_GUILD_ID,
  DEMO_QUIET_HOURS,
  type DemoCommand,
  demoGuild,
  demoNames,
  EVENING,
  type ExpectedEvent,
  expectedDescriptionStart,
  expectedEvents,
  noticesOf,
  ROOKERY_CHANNELS,
  ROOKERY_THREAD,
  rookeryGuild,
  type Scene,
  sceneTime,
} from "./evening.js";
import { explainFailedExecution } from "./explain-failure.js";

export interface DemoOptions {
  /** Where progress and the rendered channel go. @default process.stdout */
  out?: { write(text: string): unknown };
  /** Reads DISCORD_WEBHOOK_URL (post to a real channel instead of the fake) and LOG_LEVEL. */
  env?: NodeJS.ProcessEnv;
  /** How long one scene may take to reach Discord before the demo gives up. @default 30000 */
  sceneTimeoutMs?: number;
  /** The bot's coalescing window; short so the demo does not idle. @default 300 */
  batchWindowMs?: number;
  /** Faults the fake Discord answers with before the evening starts (tests use a permanent 404). */
  faults?: Fault[];
  scenes?: readonly Scene[];
  /** Colour the scene times, ticks and verdict (the CLI passes whether stdout is a terminal). @default false */
  colour?: boolean;
}

export interface DemoResult {
  ok: boolean;
  /** Why the demo failed, in words that name the fix; undefined when ok. */
  reason: string | undefined;
  expectedEvents: number;
  deliveredEvents: number;
  executions: readonly ExecutionRecord[];
  /** Retries the workflow made (Discord 429/5xx), from the execution histories. */
  retries: number;
  /** What the fake Discord webhooks accepted, the first server's first; empty with a real webhook. */
  messages: AcceptedMessage[];
  /** Each server's channel (and thread) as Discord would show it; undefined with a real webhook. */
  channel: string | undefined;
}

class DemoFailure extends Error {
  override readonly name = "DemoFailure";
}

/** What the workflow answered: `delivered`, `duplicate`, `rate-limited`, `in-flight` (see DeliveryOutcome). */
const outcomeOf = (e: ExecutionRecord) =>
  e.status === "SUCCEEDED" ? (JSON.parse(e.output ?? "{}") as { outcome?: string }).outcome : undefined;
const succeededEvents = (executions: readonly ExecutionRecord[]) =>
  executions
    .filter((e) => outcomeOf(e) === "delivered")
    .reduce((sum, e) => sum + (JSON.parse(e.input) as VoiceEventBatch).events.length, 0);
/** Tries Discord's 429 cost: the workflow's own retries (STANDARD) and the bot's resends after `rate-limited`. */
const retriesIn = (executions: readonly ExecutionRecord[]) =>
  executions.reduce(
    (sum, e) =>
      sum +
      e.history.filter((h) => h.type === "StateRetried").length +
      (outcomeOf(e) === "rate-limited" ? 1 : 0),
    0,
  );
const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

/**
 * `pnpm demo`: the local stack, the fake Discord gateway and the real bot, replaying a scripted evening of voice
 * activity end to end (gateway → bot → SigV4 → events API → ASL → webhook API → Discord). Resolves with what
 * happened; `ok` only when every event reached the channel exactly as the workflow should write it.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const out = options.out ?? process.stdout;
  const env = options.env ?? process.env;
  const say = (line = "") => out.write(`${line}\n`);
  // The words stay the same with or without colour, so the README's transcript holds for both.
  const paint = (format: Parameters<typeof styleText>[0], text: string) =>
    options.colour === true ? styleText(format, text, { validateStream: false }) : text;
  const logger: Logger = localLogger({ env, defaultLevel: "error" });
  const scenes = options.scenes ?? EVENING;
  const clock = new DemoClock(sceneTime("19:00"));
  const names = demoNames();
  const realWebhook = env.DISCORD_WEBHOOK_URL;

  let stack: LocalStack | undefined;
  let servers: DemoServers | undefined;
  let gateway: FakeDiscord | undefined;
  let bot: Bot | undefined;
  const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-demo-outbox-"));
  const expected: ExpectedEvent[] = [];
  let reason: string | undefined;
  try {
    // Offline, each server posts to its own fake webhook through its own route (stepcord:servers); with a real
    // webhook, every server posts to it through the single route (stepcord:discordWebhookUrl alone).
    servers = realWebhook ? undefined : await startDemoServers({ now: clock.now, ...names });
    stack = await startLocalStack({
      ...(realWebhook ? { discordWebhookUrl: realWebhook } : {}),
      ...(servers ? { servers: servers.config } : {}),
      logger,
    });
    // Interactions are timed, and their ids (whose time a pause counts from) made, on the evening's clock.
    gateway = await startFakeDiscord({ guilds: [demoGuild(), rookeryGuild()], now: clock.now });
    say("stepcord demo: the whole pipeline on this machine, from the same builders `pulumi up` deploys");
    say(`  events API      ${stack.eventsEndpoint}  (SigV4 + IAM, StartSyncExecution)`);
    say(`  Step Functions  ${stack.stepFunctionsEndpoint}  (the notifier ASL in aws-local-stepfunctions)`);
    say(
      `  Discord         ${realWebhook ? "your real webhook (DISCORD_WEBHOOK_URL), for both servers" : "a fake webhook per server, with Discord's limits; one route per destination"}`,
    );
    say(`  gateway         ${gateway.gatewayUrl}  (a fake Discord gateway driving the real discord.js bot)`);
    say(`  settings        ${stack.settingsEndpoint}  (/stepcord: the settings workflow on DynamoDB)`);
    say();

    bot = await startBot({
      env: {
        DISCORD_TOKEN: gateway.token,
        DISCORD_API_URL: gateway.restUrl,
        ...stack.botEnv(),
        STEPCORD_OUTBOX_DIR: outboxDir,
        // As a deployed bot reads the stack's `servers` output: which servers have a destination, and their rules.
        ...(stack.serverDirectory
          ? { STEPCORD_SERVERS_FILE: await writeServerDirectory(outboxDir, stack) }
          : {}),
        BATCH_WINDOW_MS: String(options.batchWindowMs ?? 300),
        QUIET_HOURS: DEMO_QUIET_HOURS,
      },
      logger,
      now: clock.sceneNow,
    });
    const running = bot;
    const fake = gateway;
    await waitFor(
      () => running.health().ready && fake.registeredCommands("global").length > 0,
      options.sceneTimeoutMs ?? 30_000,
      () => "the bot did not become ready on the fake gateway",
    );
    say(
      `${paint("bold", "19:00")}  the bot is online in "Stepcord Demo" and "The Rookery" (quiet hours ${DEMO_QUIET_HOURS} UTC)`,
    );

    const where = new Map(demoGuild().voice_states.map((s) => [s.user_id, s.channel_id ?? ""]));
    const webhookOf = (guildId: string): FakeDiscordWebhook | undefined =>
      servers?.channels.find((c) => c.guildId === guildId)?.webhook;
    for (const scene of scenes) {
      const guildId = scene.guildId ?? DEMO_GUILD_ID;
      const sceneEvents = expectedEvents(scene, where);
      clock.setTo(sceneTime(scene.at));
      say(`${paint("bold", scene.at)}  ${scene.says}`);
      if (scene.command) {
        const answer = await runCommand(fake, guildId, scene.command, options.sceneTimeoutMs ?? 30_000);
        say(`       ${scene.command.by.name}: ${commandLine(scene.command)}`);
        for (const line of renderMarkup(answer, names, clock.sceneNow()).split("\n"))
          say(`       ${paint("cyan", "│")} ${line}`);
        say(
          `       ${paint("green", "✓")} answered by the bot, seen by ${scene.command.by.name} only (ephemeral)`,
        );
        continue;
      }
      if (noticesOf(scene) === "none") {
        await postsNothing(
          scene,
          { bot: running, stack, gateway: fake },
          guildId,
          options.batchWindowMs ?? 300,
        );
        say(`       ${paint("green", "✓")} ${plural(sceneEvents.length, "event")} → nothing posted (paused)`);
        continue;
      }
      expected.push(...sceneEvents);
      const webhook = webhookOf(guildId);
      if (scene.discordRateLimitsNextPost) webhook?.injectFaults([{ status: 429, retryAfterSeconds: 1 }]);
      if (options.faults && scene === scenes[0]) webhook?.injectFaults(options.faults);
      const before = stack.runner.executions().length;
      const messagesBefore = webhook?.messages().length ?? 0;
      for (const change of scene.changes)
        gateway.emitVoiceStateUpdate({
          guild_id: guildId,
          user_id: change.user.id,
          channel_id: change.channelId,
        });
      const runner = stack.runner;
      const sceneExecutions = () => runner.executions().slice(before);
      await waitFor(
        () => {
          const failed = sceneExecutions().find((e) => e.status === "FAILED");
          if (failed) throw new DemoFailure(`${scene.at}: ${explainFailedExecution(failed)}`);
          const executions = sceneExecutions();
          return (
            executions.every((e) => e.status !== "RUNNING") &&
            succeededEvents(executions) >= sceneEvents.length
          );
        },
        options.sceneTimeoutMs ?? 30_000,
        () =>
          `${scene.at}: only ${succeededEvents(sceneExecutions())} of ${sceneEvents.length} events reached ` +
          `Discord within ${(options.sceneTimeoutMs ?? 30_000) / 1000} s; the bot's outbox holds ` +
          `${plural(running.health().outboxDepth, "batch", "batches")} (run with LOG_LEVEL=info to see why)`,
      );
      const executions = sceneExecutions();
      if (webhook) checkQuiet(scene, webhook.messages().slice(messagesBefore));
      const retries = retriesIn(executions);
      say(
        `       ${paint("green", "✓")} ${plural(succeededEvents(executions), "event")} → ` +
          `${plural(executions.filter((e) => outcomeOf(e) === "delivered").length, "message")}` +
          (retries > 0 ? `, ${plural(retries, "retry", "retries")} after Discord's 429` : ""),
      );
    }
    await running.flush();
    const executions = stack.runner.executions();
    const delivered = succeededEvents(executions);
    if (delivered !== expected.length)
      throw new DemoFailure(`${delivered} events reached Discord, but the evening had ${expected.length}`);
    if (servers) checkChannels(servers, expected);
    checkNoSecrets(executions, [
      stack.identities.bot.secretAccessKey,
      stack.identities.workflowRole.secretAccessKey,
      ...(realWebhook ? [realWebhook] : (servers?.channels.map((c) => c.webhook.webhookUrl) ?? [])).map(
        webhookToken,
      ),
    ]);
  } catch (error) {
    reason = error instanceof DemoFailure ? error.message : `the demo crashed: ${(error as Error).stack}`;
  } finally {
    await bot?.stop().catch(() => undefined);
    await gateway?.close().catch(() => undefined);
  }

  const executions = stack?.runner.executions() ?? [];
  const messages = servers?.messages() ?? [];
  const channel = servers?.render();
  await stack?.close().catch(() => undefined);
  await servers?.close().catch(() => undefined);
  await rm(outboxDir, { recursive: true, force: true });
  await rm(`${outboxDir}-servers.json`, { force: true });

  const result: DemoResult = {
    ok: reason === undefined,
    reason,
    expectedEvents: expected.length,
    deliveredEvents: succeededEvents(executions),
    executions,
    retries: retriesIn(executions),
    messages,
    channel,
  };
  say();
  if (channel !== undefined) {
    say(paint("bold", "Each server's channel, as Discord would show it:"));
    say(channel);
    say();
  }
  say(
    `${result.deliveredEvents} of ${result.expectedEvents} voice events delivered in ` +
      `${plural(executions.length, "execution")} (${plural(result.retries, "retry", "retries")}), 0 secrets in any of them.`,
  );
  say(result.ok ? paint(["bold", "green"], "demo: OK") : paint(["bold", "red"], `demo: FAILED: ${reason}`));
  return result;
}

const webhookToken = (url: string) => url.split("?")[0]?.split("/").filter(Boolean).pop() ?? "";

/** Execution input, output and history are visible to anyone with states:Describe*: no secret may be in them. */
function checkNoSecrets(executions: readonly ExecutionRecord[], secrets: string[]): void {
  const visible = JSON.stringify(executions);
  for (const secret of secrets.filter((s) => s.length >= 8))
    if (visible.includes(secret))
      throw new DemoFailure(
        "a secret (an AWS secret key or the webhook token) appears in an execution's data",
      );
}

/** Polls `done` every 25 ms; `done` may throw to fail at once. */
async function waitFor(done: () => boolean, withinMs: number, explain: () => string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!done()) {
    if (Date.now() > deadline) throw new DemoFailure(explain());
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Checks each server's channel apart: it shows exactly its own server's events (another server's `<#channel>` and
 * `<@member>` would render as unknown there), and the Rookery's Workshop notices only in the thread.
 */
function checkChannels(servers: DemoServers, expected: ExpectedEvent[]): void {
  for (const { guildId, channelName, webhook } of servers.channels)
    checkChannel(
      webhook.messages(),
      expected.filter((e) => e.guildId === guildId),
      `#${channelName}`,
    );
  const inThread = servers.channels
    .flatMap((c) => c.webhook.messages())
    .filter((m) => m.threadId !== undefined);
  const workshop = expected.filter((e) => e.channelId === ROOKERY_CHANNELS.workshop.id);
  checkChannel(inThread, workshop, `the ${ROOKERY_THREAD.name} thread`);
}

/**
 * Checks a channel the way a member reading it would: one embed per expected event, no extra ones (no false join
 * for whoever was already in voice, nothing for bots), nobody pinged, and only the quiet-hours message silent.
 */
function checkChannel(messages: AcceptedMessage[], expected: ExpectedEvent[], where: string): void {
  const embeds = messages.flatMap((m) =>
    ((m.body.embeds ?? []) as Array<{ description?: string }>).map((e) => ({
      message: m,
      text: e.description ?? "",
    })),
  );
  if (embeds.length !== expected.length)
    throw new DemoFailure(
      `${where} shows ${embeds.length} events, but the evening had ${expected.length} for it`,
    );
  for (const event of expected) {
    const start = expectedDescriptionStart(event);
    if (!embeds.some((e) => e.text.startsWith(start)))
      throw new DemoFailure(`no message in ${where} says "${start}…"`);
  }
  for (const m of messages) {
    const parse = (m.body.allowed_mentions as { parse?: unknown[] } | undefined)?.parse;
    if (!Array.isArray(parse) || parse.length !== 0)
      throw new DemoFailure(`message ${m.id} could ping people: allowed_mentions.parse is not []`);
  }
}

/** Messages of a scene in quiet hours (the stack's, or an admin's) carry SUPPRESS_NOTIFICATIONS; others notify. */
function checkQuiet(scene: Scene, messages: AcceptedMessage[]): void {
  const quiet = noticesOf(scene) === "silent";
  for (const m of messages)
    if (((m.flags & SUPPRESS_NOTIFICATIONS) !== 0) !== quiet)
      throw new DemoFailure(
        `${scene.at}: a message was ${quiet ? "not " : ""}silent, but the quiet hours in force say it should ` +
          `${quiet ? "" : "not "}be`,
      );
}

/** The member's command through the fake gateway; resolves with the bot's final (edited) answer. */
async function runCommand(
  gateway: FakeDiscord,
  guildId: string,
  command: DemoCommand,
  withinMs: number,
): Promise<string> {
  const sent = gateway.dispatchInteraction({
    guildId,
    // Slash commands are typed in a text chat; a voice channel's own chat is one (its guild's first voice channel).
    channelId: guildId === DEMO_GUILD_ID ? DEMO_CHANNELS.lounge.id : ROOKERY_CHANNELS.studio.id,
    member: { user: { id: command.by.id, username: command.by.name.toLowerCase() } },
    permissions: command.permissions,
    command: "stepcord",
    options: [
      {
        name: command.subcommand,
        type: 1,
        options: command.options.map((o) => ({ name: o.name, type: 3, value: o.value })),
      },
    ],
  });
  let original = gateway.interaction(sent.id)?.original;
  await waitFor(
    () => {
      original = gateway.interaction(sent.id)?.original;
      return original !== undefined && !original.loading;
    },
    withinMs,
    () => `${commandLine(command)}: the bot did not answer within ${withinMs / 1000} s`,
  );
  if (original?.ephemeral !== true)
    throw new DemoFailure(`${commandLine(command)}: the answer was not ephemeral (everyone would see it)`);
  return original.content;
}

/** A paused server's scene: the bot sends nothing for it (no execution, no message) once its batch window passed. */
async function postsNothing(
  scene: Scene,
  world: { bot: Bot; stack: LocalStack; gateway: FakeDiscord },
  guildId: string,
  batchWindowMs: number,
): Promise<void> {
  const { bot, stack, gateway } = world;
  const before = stack.runner.executions().length;
  for (const change of scene.changes)
    gateway.emitVoiceStateUpdate({
      guild_id: guildId,
      user_id: change.user.id,
      channel_id: change.channelId,
    });
  await new Promise((resolve) => setTimeout(resolve, batchWindowMs * 2));
  await bot.flush();
  await stack.runner.idle();
  const after = stack.runner.executions().length;
  if (after !== before)
    throw new DemoFailure(`${scene.at}: ${after - before} executions ran while the server was paused`);
}

/** The local stack's server directory as a file beside the demo's outbox (the bot's STEPCORD_SERVERS_FILE). */
async function writeServerDirectory(outboxDir: string, stack: LocalStack): Promise<string> {
  const path = `${outboxDir}-servers.json`;
  await writeFile(path, JSON.stringify(stack.serverDirectory));
  return path;
}
