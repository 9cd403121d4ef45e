// Issue 13's delivery figures, through the real bot (start() in-process, or main.ts as a child for the SIGKILL runs)
// against the fake gateway and a SigV4-verifying endpoint that answers as the EXPRESS workflow does (StartSyncExecution's
// response: a ledger by batch id, Discord's buckets of the stricter fake: 5 per 2 s per webhook, 30 per 60 s per
// channel). Counts come from what that stand-in showed; time is compared with the floor the two buckets set for
// ⌈events/10⌉ messages. Run from the repository root:
//   node --import tsx bench/delivery.ts raid        # 500 voice changes in 10 s
//   node --import tsx bench/delivery.ts sustained   # 5,000 changes over 5 minutes across 20 voice channels
//   node --import tsx bench/delivery.ts kill [n]    # SIGKILL at a random point of a raid, n trials (20)
//   node --import tsx bench/delivery.ts replay      # 100 delivered batches, each signed request sent again
//   node --import tsx bench/delivery.ts blocked     # guild B's 200 changes in 20 s while guild A's batch always fails
//   node --import tsx bench/delivery.ts shared      # guilds A and B, 250 changes each in 10 s, through one webhook
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { request } from "undici";
import { start } from "../packages/bot/src/index.js";
import { childEnv, freePort, healthOf } from "../packages/bot/test/support/child-bot.js";
import { syncAnswer } from "../packages/bot/test/support/sync-answers.js";
import {
  type ReceivedBatch,
  startVerifyingServer,
  TEST_CREDENTIALS,
} from "../packages/bot/test/support/verifying-server.js";
import {
  CHANNEL_BUCKET,
  deliveryFloorMs,
  WEBHOOK_BUCKET,
  WorkflowStandIn,
} from "../packages/bot/test/support/workflow-stand-in.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";

const GUILD = "100000000000000001";
const BUCKETS = [WEBHOOK_BUCKET, CHANNEL_BUCKET];
const MAX_EVENTS_PER_BATCH = 10;
const channelId = (i: number) => String(200000000000000001n + BigInt(i));
/** One distinct member per change, so each change is one join that can be told apart from every other. */
const userId = (i: number) => String(300000000000000001n + BigInt(i));

const OTHER_GUILD = "100000000000000002";

function benchGuild(channels: number, id = GUILD): FakeGuild {
  return {
    id,
    name: "Bench",
    afk_channel_id: null,
    channels: Array.from({ length: channels }, (_, i) => ({ id: channelId(i), name: `voice-${i}`, type: 2 })),
    members: [],
    voice_states: [],
  };
}

interface Counts {
  changes: number;
  shown: string[];
  messages: number;
  elapsedMs: number;
}

/** shown once, shown twice or more, never shown; messages against ⌈changes/10⌉; time against the floor. */
function report(title: string, { changes, shown, messages, elapsedMs }: Counts, durationMs: number): void {
  const times = new Map<string, number>();
  for (const e of shown) times.set(e, (times.get(e) ?? 0) + 1);
  const delivered = times.size;
  const duplicates = [...times.values()].reduce((n, t) => n + t - 1, 0);
  const bound = Math.ceil(changes / MAX_EVENTS_PER_BATCH);
  const floorMs = Math.max(deliveryFloorMs(bound, BUCKETS), durationMs);
  console.log(title);
  console.log(`  delivered ${delivered} / ${changes}, lost ${changes - delivered}, duplicates ${duplicates}`);
  console.log(`  messages ${messages} (bound ⌈${changes}/10⌉ = ${bound})`);
  console.log(
    `  time ${(elapsedMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s, ratio ${(elapsedMs / floorMs).toFixed(2)}×`,
  );
}

/** `changes` joins spread evenly over `durationMs` into `channels` voice channels, through the in-process bot. */
async function run(changes: number, durationMs: number, channels: number): Promise<Counts> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(channels)] });
  const server = await startVerifyingServer();
  const workflow = new WorkflowStandIn({ buckets: BUCKETS });
  server.answerWith((batch) => workflow.answer(batch));
  const outbox = await mkdtemp(join(tmpdir(), "stepcord-bench-delivery-"));
  const bot = await start({
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      EVENTS_ENDPOINT: server.url,
      AWS_REGION: "eu-west-1",
      STEPCORD_OUTBOX_DIR: outbox,
    },
    credentials: TEST_CREDENTIALS,
    logger: pino({ level: "silent" }),
  });
  while (!bot.health().ready) await sleep(10);
  const began = Date.now();
  for (let i = 0; i < changes; i++) {
    const due = began + (i * durationMs) / changes;
    if (due > Date.now()) await sleep(due - Date.now());
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(i % channels) });
  }
  while (workflow.shown().length < changes || bot.health().outboxDepth > 0) await sleep(20);
  const elapsedMs = Date.now() - began;
  await bot.stop();
  await fake.close();
  await server.close();
  return { changes, shown: workflow.shown(), messages: workflow.posted.length, elapsedMs };
}

/** One raid into main.ts as a child, SIGKILLed at a random point of it, restarted, drained. */
async function killTrial(changes: number, durationMs: number): Promise<Counts & { killAtMs: number }> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1)] });
  const server = await startVerifyingServer();
  const workflow = new WorkflowStandIn({ buckets: BUCKETS });
  server.answerWith((batch) => workflow.answer(batch));
  const outbox = await mkdtemp(join(tmpdir(), "stepcord-bench-kill-"));
  const spawnBot = async (): Promise<{ child: ChildProcess; port: number }> => {
    const port = await freePort();
    const env = { ...childEnv(fake, server, outbox, port), BATCH_WINDOW_MS: "2000" };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env,
      stdio: "ignore",
      cwd: join(import.meta.dirname, "../packages/bot"),
    });
    while ((await healthOf(port))?.ready !== true) await sleep(50);
    return { child, port };
  };
  let { child } = await spawnBot();
  const killAtMs = Math.floor(Math.random() * durationMs);
  const began = Date.now();
  let killed = false;
  for (let i = 0; i < changes; i++) {
    const due = began + (i * durationMs) / changes;
    if (due > Date.now()) await sleep(due - Date.now());
    if (!killed && Date.now() - began >= killAtMs) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      killed = true;
      // Discord's gateway keeps sending while the bot is down; the restart's first GUILD_CREATE carries the result.
      ({ child } = await spawnBot());
    }
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(0) });
  }
  while (workflow.shown().length < changes) await sleep(50);
  await sleep(3_000); // anything resent or announced again after the last delivery arrives now
  const elapsedMs = Date.now() - began;
  child.kill("SIGKILL");
  await fake.close();
  await server.close();
  return { changes, shown: workflow.shown(), messages: workflow.posted.length, elapsedMs, killAtMs };
}

async function replay(batches: number): Promise<void> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1)] });
  const server = await startVerifyingServer();
  const workflow = new WorkflowStandIn();
  server.answerWith((batch) => workflow.answer(batch));
  const outbox = await mkdtemp(join(tmpdir(), "stepcord-bench-replay-"));
  const bot = await start({
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      EVENTS_ENDPOINT: server.url,
      AWS_REGION: "eu-west-1",
      STEPCORD_OUTBOX_DIR: outbox,
      BATCH_WINDOW_MS: "0",
    },
    credentials: TEST_CREDENTIALS,
    logger: pino({ level: "silent" }),
  });
  while (!bot.health().ready) await sleep(10);
  for (let i = 0; i < batches; i++) {
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(0) });
    while (workflow.posted.length <= i) await sleep(2);
  }
  const before = workflow.posted.length;
  const url = new URL(server.url);
  let accepted = 0;
  for (const r of server.signedRequests.slice(0, batches)) {
    const headers: Record<string, string> = {};
    for (let i = 0; i < r.rawHeaders.length; i += 2)
      headers[r.rawHeaders[i] as string] = r.rawHeaders[i + 1] as string;
    const res = await request(`${url.origin}${r.path}`, { method: "POST", headers, body: r.body });
    await res.body.dump();
    if (res.statusCode === 200) accepted += 1;
  }
  console.log(`replay of ${batches} signed batches (each request sent again as captured)`);
  console.log(
    `  signatures accepted ${accepted} / ${batches}, answered duplicate ${workflow.duplicates}, extra messages ${workflow.posted.length - before}`,
  );
  await bot.stop();
  await fake.close();
  await server.close();
}

/** The in-process bot for two guilds (GUILD, OTHER_GUILD) against `answer`, ready. */
async function twoGuildBot(answer: (batch: ReceivedBatch) => unknown) {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1), benchGuild(1, OTHER_GUILD)] });
  const server = await startVerifyingServer();
  server.answerWith(answer);
  const bot = await start({
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      EVENTS_ENDPOINT: server.url,
      AWS_REGION: "eu-west-1",
      STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-bench-guilds-")),
    },
    credentials: TEST_CREDENTIALS,
    logger: pino({ level: "silent" }),
  });
  while (!bot.health().ready) await sleep(10);
  const close = async () => {
    await bot.stop();
    await fake.close();
    await server.close();
  };
  return { fake, server, bot, close };
}

const guildOf = (batch: ReceivedBatch) => batch.events[0]?.guild.id;

/**
 * Finding 8 (a): guild A's one batch fails every time (the workflow answers `failed`); guild B gets `changes` joins
 * over `durationMs`. How many of B's are delivered within the run and 10 s after it, and how often A was tried.
 */
async function blocked(changes: number, durationMs: number): Promise<void> {
  const workflow = new WorkflowStandIn();
  const { fake, server, close } = await twoGuildBot((batch) =>
    guildOf(batch) === GUILD ? syncAnswer.failed() : workflow.answer(batch),
  );
  fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(0), channel_id: channelId(0) });
  while (server.received.length === 0) await sleep(5);
  const began = Date.now();
  for (let i = 0; i < changes; i++) {
    const due = began + (i * durationMs) / changes;
    if (due > Date.now()) await sleep(due - Date.now());
    fake.emitVoiceStateUpdate({ guild_id: OTHER_GUILD, user_id: userId(i + 1), channel_id: channelId(0) });
  }
  const deadline = Date.now() + 10_000;
  while (workflow.shown().length < changes && Date.now() < deadline) await sleep(20);
  const elapsedMs = Date.now() - began;
  const triesOfA = server.received.filter((b) => guildOf(b) === GUILD).length;
  const shown = workflow.shown();
  const delivered = new Set(shown).size;
  console.log(
    `blocked: guild A's batch fails every time; guild B, ${changes} changes in ${durationMs / 1000} s`,
  );
  console.log(
    `  B delivered ${delivered} / ${changes} (${((100 * delivered) / changes).toFixed(0)} %), duplicates ${shown.length - delivered}, in ${(elapsedMs / 1000).toFixed(1)} s, messages ${workflow.posted.length}`,
  );
  console.log(`  A tried ${triesOfA} times (${(triesOfA / (elapsedMs / 1000)).toFixed(1)} a second)`);
  await close();
}

/**
 * Finding 8 (b): guilds A and B, `changes` joins each over `durationMs`, through one webhook (its two buckets shared,
 * as the deployment's one webhook does). Counts Discord's 429s (each one an invalid request, 10,000 per 10 minutes
 * per IP) against the messages shown, and the time against the floor of the shared buckets.
 */
async function shared(changes: number, durationMs: number): Promise<void> {
  const workflow = new WorkflowStandIn({ buckets: BUCKETS, webhookOf: () => "the-webhook" });
  const { fake, bot, close } = await twoGuildBot((batch) => workflow.answer(batch));
  const began = Date.now();
  for (let i = 0; i < changes; i++) {
    const due = began + (i * durationMs) / changes;
    if (due > Date.now()) await sleep(due - Date.now());
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(0) });
    fake.emitVoiceStateUpdate({
      guild_id: OTHER_GUILD,
      user_id: userId(changes + i),
      channel_id: channelId(0),
    });
  }
  while (workflow.shown().length < 2 * changes || bot.health().outboxDepth > 0) await sleep(20);
  const elapsedMs = Date.now() - began;
  const messages = workflow.posted.length;
  const floorMs = Math.max(deliveryFloorMs(messages, BUCKETS), durationMs);
  console.log(`shared: guilds A and B, ${changes} changes each in ${durationMs / 1000} s, one webhook`);
  console.log(
    `  delivered ${new Set(workflow.shown()).size} / ${2 * changes}, duplicates ${workflow.shown().length - new Set(workflow.shown()).size}, messages ${messages}, Discord 429s ${workflow.rateLimited} (${(workflow.rateLimited / messages).toFixed(2)} per message)`,
  );
  console.log(
    `  time ${(elapsedMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s, ratio ${(elapsedMs / floorMs).toFixed(2)}×`,
  );
  await close();
}

const mode = process.argv[2] ?? "raid";
if (mode === "raid")
  report("raid: 500 voice changes in 10 s, one guild, one channel", await run(500, 10_000, 1), 10_000);
else if (mode === "sustained")
  report(
    "sustained: 5,000 voice changes over 5 min across 20 voice channels",
    await run(5_000, 300_000, 20),
    300_000,
  );
else if (mode === "kill") {
  const trials = Number(process.argv[3] ?? 20);
  let lost = 0;
  let duplicates = 0;
  for (let t = 0; t < trials; t++) {
    const c = await killTrial(500, 10_000);
    const distinct = new Set(c.shown);
    lost += c.changes - distinct.size;
    duplicates += c.shown.length - distinct.size;
    console.log(
      `  trial ${t + 1}: SIGKILL at ${c.killAtMs} ms, lost ${c.changes - distinct.size}, duplicates ${c.shown.length - distinct.size}, messages ${c.messages}`,
    );
  }
  console.log(`SIGKILL during a raid, ${trials} trials: lost ${lost}, duplicates ${duplicates}`);
} else if (mode === "replay") await replay(100);
else if (mode === "blocked") await blocked(200, 20_000);
else if (mode === "shared") await shared(250, 10_000);
else throw new Error(`Unknown mode ${mode}. Must be raid, sustained, kill, replay, blocked or shared.`);
process.exit(0);
