// Issue 13's delivery scenarios through the real bot (start() in-process, or main.ts as a child for the SIGKILL runs)
// against the fake gateway and a DeliveryTarget (delivery-targets.ts): the workflow stand-in, or the local stack's
// real ASL. Counts come from what Discord showed; time is compared with the floor the two buckets set for
// ⌈events/10⌉ messages. bench/delivery.ts and bench/delivery-e2e.ts are the command lines.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { request } from "undici";
import { start } from "../packages/bot/src/index.js";
import { freePort, healthOf } from "../packages/bot/test/support/child-bot.js";
import {
  CHANNEL_BUCKET,
  deliveryFloorMs,
  WEBHOOK_BUCKET,
} from "../packages/bot/test/support/workflow-stand-in.js";
import {
  type FakeDiscord,
  type FakeGuild,
  startFakeDiscord,
} from "../packages/fake-discord/src/gateway/index.js";
import { type DeliveryTarget, startTarget, type TargetName } from "./delivery-targets.js";

export const GUILD = "100000000000000001";
export const OTHER_GUILD = "100000000000000002";
export const BUCKETS = [WEBHOOK_BUCKET, CHANNEL_BUCKET];
const MAX_EVENTS_PER_BATCH = 10;
export const channelId = (i: number) => String(200000000000000001n + BigInt(i));
/** One distinct member per change, so each change is one join that can be told apart from every other. */
export const userId = (i: number) => String(300000000000000001n + BigInt(i));

export function benchGuild(channels: number, id = GUILD): FakeGuild {
  return {
    id,
    name: "Bench",
    afk_channel_id: null,
    channels: Array.from({ length: channels }, (_, i) => ({ id: channelId(i), name: `voice-${i}`, type: 2 })),
    members: [],
    voice_states: [],
  };
}

export interface Counts {
  target: TargetName;
  changes: number;
  shown: string[];
  messages: number;
  rateLimited: number;
  elapsedMs: number;
}

/** shown once, shown twice or more, never shown; messages against ⌈changes/10⌉; time against the floor. */
export function report(title: string, c: Counts, durationMs: number): void {
  const times = new Map<string, number>();
  for (const e of c.shown) times.set(e, (times.get(e) ?? 0) + 1);
  const delivered = times.size;
  const duplicates = [...times.values()].reduce((n, t) => n + t - 1, 0);
  const bound = Math.ceil(c.changes / MAX_EVENTS_PER_BATCH);
  const floorMs = Math.max(deliveryFloorMs(bound, BUCKETS), durationMs);
  console.log(`${title} [${c.target}]`);
  console.log(
    `  delivered ${delivered} / ${c.changes}, lost ${c.changes - delivered}, duplicates ${duplicates}`,
  );
  console.log(`  messages ${c.messages} (bound ⌈${c.changes}/10⌉ = ${bound}), Discord 429s ${c.rateLimited}`);
  console.log(
    `  time ${(c.elapsedMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s, ratio ${(c.elapsedMs / floorMs).toFixed(2)}×`,
  );
}

/** The in-process bot against `target`, logged in to `fake`, ready. */
export async function inProcessBot(
  fake: FakeDiscord,
  target: Pick<DeliveryTarget, "botEnv" | "credentials">,
  extraEnv: Record<string, string> = {},
) {
  const bot = await start({
    env: {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      EVENTS_ENDPOINT: target.botEnv.EVENTS_ENDPOINT as string,
      AWS_REGION: target.botEnv.AWS_REGION as string,
      STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-bench-delivery-")),
      ...extraEnv,
    },
    credentials: target.credentials,
    logger: pino({ level: process.env.LOG_LEVEL ?? "silent" }),
  });
  while (!bot.health().ready) await sleep(10);
  return bot;
}

/** `changes` joins spread evenly over `durationMs` into `channels` voice channels, through the in-process bot. */
export async function run(
  targetName: TargetName,
  changes: number,
  durationMs: number,
  channels: number,
): Promise<Counts> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(channels)] });
  const target = await startTarget(targetName, { buckets: true });
  const bot = await inProcessBot(fake, target);
  const began = Date.now();
  for (let i = 0; i < changes; i++) {
    const due = began + (i * durationMs) / changes;
    if (due > Date.now()) await sleep(due - Date.now());
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(i % channels) });
  }
  while (new Set(target.shown()).size < changes || bot.health().outboxDepth > 0) await sleep(20);
  const elapsedMs = Date.now() - began;
  await bot.stop();
  const counts = countsOf(target, changes, elapsedMs);
  await fake.close();
  await target.close();
  return counts;
}

const countsOf = (target: DeliveryTarget, changes: number, elapsedMs: number): Counts => ({
  target: target.name,
  changes,
  shown: target.shown(),
  messages: target.messages(),
  rateLimited: target.rateLimited(),
  elapsedMs,
});

/** One raid into main.ts as a child, SIGKILLed at a random point of it, restarted, drained. */
export async function killTrial(
  targetName: TargetName,
  changes: number,
  durationMs: number,
): Promise<Counts & { killAtMs: number }> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1)] });
  const target = await startTarget(targetName, { buckets: true });
  const outbox = await mkdtemp(join(tmpdir(), "stepcord-bench-kill-"));
  const spawnBot = async (): Promise<ChildProcess> => {
    const port = await freePort();
    const env = {
      ...target.botEnv,
      PATH: process.env.PATH,
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      STEPCORD_OUTBOX_DIR: outbox,
      BATCH_WINDOW_MS: "2000",
      HEALTH_PORT: String(port),
    };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env,
      stdio: "ignore",
      cwd: join(import.meta.dirname, "../packages/bot"),
    });
    while ((await healthOf(port))?.ready !== true) await sleep(50);
    return child;
  };
  let child = await spawnBot();
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
      child = await spawnBot();
    }
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(0) });
  }
  while (new Set(target.shown()).size < changes) await sleep(50);
  await sleep(3_000); // anything resent or announced again after the last delivery arrives now
  const elapsedMs = Date.now() - began;
  child.kill("SIGKILL");
  const counts = countsOf(target, changes, elapsedMs);
  await fake.close();
  await target.close();
  return { ...counts, killAtMs };
}

/** `trials` kill trials, one line each and a total. */
export async function killTrials(
  targetName: TargetName,
  trials: number,
  changes: number,
  durationMs: number,
) {
  let lost = 0;
  let duplicates = 0;
  for (let t = 0; t < trials; t++) {
    const c = await killTrial(targetName, changes, durationMs);
    const distinct = new Set(c.shown);
    lost += c.changes - distinct.size;
    duplicates += c.shown.length - distinct.size;
    console.log(
      `  [${targetName}] trial ${t + 1}: SIGKILL at ${c.killAtMs} ms, lost ${c.changes - distinct.size}, duplicates ${c.shown.length - distinct.size}, messages ${c.messages}, ${(c.elapsedMs / 1000).toFixed(1)} s`,
    );
  }
  console.log(
    `SIGKILL during a raid of ${changes} in ${durationMs / 1000} s, ${trials} trials [${targetName}]: lost ${lost}, duplicates ${duplicates}`,
  );
}

/** `batches` one-event batches delivered one by one, then every signed request sent again as captured. */
export async function replay(targetName: TargetName, batches: number): Promise<void> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1)] });
  const target = await startTarget(targetName, { buckets: false });
  const bot = await inProcessBot(fake, target, { BATCH_WINDOW_MS: "0" });
  const began = Date.now();
  for (let i = 0; i < batches; i++) {
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: userId(i), channel_id: channelId(0) });
    while (target.messages() <= i) await sleep(2);
  }
  const deliveredMs = Date.now() - began;
  const before = target.messages();
  let accepted = 0;
  let duplicates = 0;
  for (const r of target.signedRequests().slice(0, batches)) {
    const res = await request(r.url, { method: "POST", headers: r.headers, body: r.body });
    const text = await res.body.text();
    if (res.statusCode === 200) accepted += 1;
    if (/\\?"outcome\\?"\s*:\s*\\?"duplicate/.test(text)) duplicates += 1;
  }
  console.log(`replay of ${batches} signed batches (each request sent again as captured) [${targetName}]`);
  console.log(
    `  first delivered one after another in ${(deliveredMs / 1000).toFixed(1)} s (${(deliveredMs / batches).toFixed(0)} ms a batch, change to message, no buckets)`,
  );
  console.log(
    `  signatures accepted ${accepted} / ${batches}, answered duplicate ${duplicates}, extra messages ${target.messages() - before}`,
  );
  await bot.stop();
  await fake.close();
  await target.close();
}

/**
 * Finding 8 (b): guilds A and B, `changes` joins each over `durationMs`, through one webhook (its two buckets shared,
 * as the deployment's one webhook does). Counts Discord's 429s (each one an invalid request, 10,000 per 10 minutes
 * per IP) against the messages shown, and the time against the floor of the shared buckets.
 */
export async function shared(targetName: TargetName, changes: number, durationMs: number): Promise<void> {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1), benchGuild(1, OTHER_GUILD)] });
  const target = await startTarget(targetName, { buckets: true });
  const bot = await inProcessBot(fake, target);
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
  while (new Set(target.shown()).size < 2 * changes || bot.health().outboxDepth > 0) await sleep(20);
  const elapsedMs = Date.now() - began;
  await bot.stop();
  const shown = target.shown();
  const messages = target.messages();
  const floorMs = Math.max(deliveryFloorMs(messages, BUCKETS), durationMs);
  console.log(
    `shared: guilds A and B, ${changes} changes each in ${durationMs / 1000} s, one webhook [${targetName}]`,
  );
  console.log(
    `  delivered ${new Set(shown).size} / ${2 * changes}, duplicates ${shown.length - new Set(shown).size}, messages ${messages}, Discord 429s ${target.rateLimited()} (${(target.rateLimited() / messages).toFixed(2)} per message)`,
  );
  console.log(
    `  time ${(elapsedMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s, ratio ${(elapsedMs / floorMs).toFixed(2)}×`,
  );
  await fake.close();
  await target.close();
}
