// Issue 15's measures: a `/stepcord` command's time from the gateway dispatch to the admin's ephemeral answer (the
// deferral, then the edited answer), p50/p99, through the real bot (start() in-process) and the fake Discord, first
// against a SigV4-verifying settings stand-in answering per the SettingsAnswer contract (the bot's and the fake
// Discord's share: it answers in well under a millisecond), then, in the same process, through the local stack:
// POST /settings → StartSyncExecution of the real settings workflow in aws-local-stepfunctions, its table on dynalite.
// Then the settings calls per batch of voice events (0 expected: settings are held in memory, read once per guild at
// start and replaced by each command's answer); through the local stack these are the DynamoDB reads of the settings
// table per batch, as only the settings workflow reads it (the notifier's role may not). Run from the repository root:
//   node --import tsx bench/settings.ts            # both; --only=stand-in or --only=local-stack for one
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as turn } from "node:timers/promises";
import { pino } from "pino";
import { start } from "../packages/bot/src/index.js";
import { SettingsStandIn } from "../packages/bot/test/support/settings-stand-in.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "../packages/bot/test/support/verifying-server.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";
import { startLocalStack } from "../packages/local/src/index.js";

const GUILD = "100000000000000001";
const VOICE = "200000000000000001";
const ADMIN = { user: { id: "300000000000000001", username: "admin" } };
const COMMANDS = Number(process.env.COMMANDS ?? 300);
const EVENTS = Number(process.env.EVENTS ?? 1000);
const userId = (i: number) => String(300000000000000100n + BigInt(i));

const guild: FakeGuild = {
  id: GUILD,
  name: "bench",
  afk_channel_id: null,
  channels: [{ id: VOICE, name: "voice", type: 2 }],
  members: [],
  voice_states: [],
};

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function waitFor(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${check.toString()}`);
    await turn();
  }
}

type TargetName = "stand-in" | "local-stack";

/** Where the bot's POST /events and /settings go, and how many calls and delivered events each has seen. */
interface SettingsTarget {
  env: Record<string, string>;
  credentials: { accessKeyId: string; secretAccessKey: string };
  settingsCalls(): number;
  deliveredEvents(): number;
  batches(): number;
  close(): Promise<void>;
}

async function standInTarget(): Promise<SettingsTarget> {
  const server = await startVerifyingServer();
  const settings = new SettingsStandIn();
  server.answerSettingsWith((body) => settings.answer(body));
  return {
    env: { EVENTS_ENDPOINT: server.url, AWS_REGION: "eu-west-1" },
    credentials: TEST_CREDENTIALS,
    settingsCalls: () => server.settingsRequests,
    deliveredEvents: () => server.received.reduce((n, b) => n + b.events.length, 0),
    batches: () => server.received.length,
    close: () => server.close(),
  };
}

async function localStackTarget(): Promise<SettingsTarget> {
  const stack = await startLocalStack({
    workflowType: "EXPRESS",
    fakeWebhook: { rateLimit: false, channelRateLimit: false },
    logger: pino({ level: "silent" }),
  });
  const bot = stack.identities.bot;
  const delivered = () =>
    stack.runner
      .executions()
      .filter((e) => e.status === "SUCCEEDED" && JSON.parse(e.output ?? "{}").outcome === "delivered");
  return {
    // No SETTINGS_ENDPOINT: the bot finds /settings beside /events, as a deployed bot does.
    env: stack.botEnv(),
    credentials: { accessKeyId: bot.accessKeyId, secretAccessKey: bot.secretAccessKey },
    settingsCalls: () => stack.settingsRunner.executions().length,
    deliveredEvents: () => delivered().reduce((n, e) => n + JSON.parse(e.input).events.length, 0),
    batches: () => delivered().length,
    close: () => stack.close(),
  };
}

async function measure(target: TargetName): Promise<void> {
  console.log(
    `— ${target === "stand-in" ? "settings stand-in" : "local stack (the real settings workflow on dynalite)"}`,
  );
  const fake = await startFakeDiscord({ guilds: [guild] });
  const server = target === "stand-in" ? await standInTarget() : await localStackTarget();
  const env: Record<string, string> = {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.restUrl,
    ...server.env,
    STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-bench-settings-")),
    BATCH_WINDOW_MS: "20",
  };
  const bot = await start({ env, credentials: server.credentials, logger: pino({ level: "silent" }) });
  await waitFor(() => bot.health().ready && fake.registeredCommands("global").length === 1);
  await waitFor(() => server.settingsCalls() === 1);
  console.log(`settings reads at start: ${server.settingsCalls()} for 1 guild`);

  const deferMs: number[] = [];
  const answerMs: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    const options =
      i % 2 === 0
        ? [{ name: "min-members", type: 1, options: [{ name: "count", type: 4, value: i % 5 }] }]
        : [{ name: "status", type: 1 }];
    const t0 = performance.now();
    const sent = fake.dispatchInteraction({
      guildId: GUILD,
      channelId: VOICE,
      member: ADMIN,
      permissions: "32",
      command: "stepcord",
      options,
    });
    let deferred: number | undefined;
    await waitFor(() => {
      const issued = fake.interaction(sent.id);
      if (deferred === undefined && issued?.response !== undefined) deferred = performance.now() - t0;
      return issued?.original !== undefined && !issued.original.loading;
    });
    deferMs.push(deferred ?? Number.NaN);
    answerMs.push(performance.now() - t0);
  }
  const slow = answerMs.filter((ms) => ms > 100).length;
  const f = (n: number) => n.toFixed(1);
  console.log(
    `/stepcord, ${COMMANDS} commands one after another (half min-members, half status): deferral p50 ${f(quantile(deferMs, 0.5))} ms, p99 ${f(quantile(deferMs, 0.99))} ms; ephemeral answer p50 ${f(quantile(answerMs, 0.5))} ms, p99 ${f(quantile(answerMs, 0.99))} ms (Discord allows 3,000 ms for the first); answers over 100 ms: ${slow}`,
  );

  // The last min-members above may have set a threshold; 0 announces every join.
  const reset = fake.dispatchInteraction({
    guildId: GUILD,
    channelId: VOICE,
    member: ADMIN,
    permissions: "32",
    command: "stepcord",
    options: [{ name: "min-members", type: 1, options: [{ name: "count", type: 4, value: 0 }] }],
  });
  await waitFor(() => fake.interaction(reset.id)?.original?.loading === false);
  const callsBefore = server.settingsCalls();
  const batchesBefore = server.batches();
  for (let i = 0; i < EVENTS; i++) {
    fake.emitVoiceStateUpdate({
      guild_id: GUILD,
      user_id: userId(i % 50),
      channel_id: i % 100 < 50 ? VOICE : null,
    });
    if (i % 10 === 9) await turn();
  }
  await waitFor(() => server.deliveredEvents() >= EVENTS);
  await bot.flush();
  const batches = server.batches() - batchesBefore;
  const calls = server.settingsCalls() - callsBefore;
  console.log(
    `voice events: ${EVENTS} sent, ${server.deliveredEvents()} delivered in ${batches} batches; settings calls meanwhile ${calls} (${f(calls / batches)} per batch)${target === "local-stack" ? `; DynamoDB reads of the settings table per batch ${f(calls / batches)} (only the settings workflow reads it, in its one getItem Task; the notifier's role may not)` : ""}`,
  );
  await bot.stop();
  await fake.close();
  await server.close();
}

const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
for (const target of ["stand-in", "local-stack"] as TargetName[])
  if (only === undefined || only === target) await measure(target);
