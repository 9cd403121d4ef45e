// Issue 15's measures on the bot side: a `/stepcord` command's time from the gateway dispatch to the admin's
// ephemeral answer (the deferral, then the edited answer), p50/p99, through the real bot (start() in-process) against
// the fake Discord and a SigV4-verifying settings stand-in answering per the SettingsAnswer contract; and the
// settings calls the bot makes per batch of voice events (0 expected: settings are held in memory, read once per
// guild at start and replaced by each command's answer). Run from the repository root:
//   node --import tsx bench/settings.ts
// The stand-in answers in well under a millisecond: the figures are the bot's and the fake Discord's share; the same
// run against the local stack's settings workflow adds the workflow's (packages/local, once its route is merged).
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setImmediate as turn } from "node:timers/promises";
import { pino } from "pino";
import { start } from "../packages/bot/src/index.js";
import { SettingsStandIn } from "../packages/bot/test/support/settings-stand-in.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "../packages/bot/test/support/verifying-server.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";

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
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${check.toString()}`);
    await turn();
  }
}

const fake = await startFakeDiscord({ guilds: [guild] });
const server = await startVerifyingServer();
const settings = new SettingsStandIn();
server.answerSettingsWith((body) => settings.answer(body));
const env: Record<string, string> = {
  DISCORD_TOKEN: fake.token,
  DISCORD_API_URL: fake.restUrl,
  EVENTS_ENDPOINT: server.url,
  AWS_REGION: "eu-west-1",
  STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-bench-settings-")),
  BATCH_WINDOW_MS: "20",
};
const bot = await start({ env, credentials: TEST_CREDENTIALS, logger: pino({ level: "silent" }) });
await waitFor(() => bot.health().ready && fake.registeredCommands("global").length === 1);
await waitFor(() => server.settingsRequests === 1);
console.log(`settings reads at start: ${server.settingsRequests} for 1 guild`);

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
const callsBefore = server.settingsRequests;
const batchesBefore = server.received.length;
for (let i = 0; i < EVENTS; i++) {
  fake.emitVoiceStateUpdate({
    guild_id: GUILD,
    user_id: userId(i % 50),
    channel_id: i % 100 < 50 ? VOICE : null,
  });
  if (i % 10 === 9) await turn();
}
await waitFor(() => server.received.reduce((n, b) => n + b.events.length, 0) >= EVENTS);
await bot.flush();
const batches = server.received.length - batchesBefore;
const calls = server.settingsRequests - callsBefore;
console.log(
  `voice events: ${EVENTS} sent, ${server.received.reduce((n, b) => n + b.events.length, 0)} delivered in ${batches} batches; settings calls meanwhile ${calls} (${f(calls / batches)} per batch)`,
);
await bot.stop();
await fake.close();
await server.close();
