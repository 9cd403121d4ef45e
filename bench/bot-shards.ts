// Memory and ready time of the bot sharded (issue 16, item 4), against discord.js with its default caches and the
// same shards, each in its own child process, logged in to the same fake gateway in the same run:
// - 1,250 and 2,500 guilds in one shard (2,500 is Discord's most for a shard: close 4011 above it);
// - 10,000 guilds over 4 shards in one process (SHARD_COUNT=4; discord.js: `shards: [0, 1, 2, 3], shardCount: 4`).
// Guilds are bot-memory.ts's communityGuild() with 50 members in voice each, chosen so that each shard of 4 holds
// exactly 2,500 (gateway.mdx, "Sharding Formula": shard_id = (guild_id >> 22) % num_shards). The fake's
// max_concurrency is 1, as for every bot below 150,000 guilds, so 4 shards identify 5 s apart on both sides.
// "bot" runs as shipped (--max-semi-space-size=1, the Dockerfile's flag); "defaults" as a discord.js bot usually runs,
// without it. One run per side and size (the 2 cores are shared; the load is printed). RSS and heapUsed after two
// forced GCs; ready time from process start.
// Run from the repository root: node --import tsx bench/bot-shards.ts
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Client, GatewayIntentBits } from "discord.js";
import { loginBenchBot } from "./login-bench-bot.js";

const VOICE_MEMBERS = 50;
const PER_SHARD = 2_500;
const READY_DEADLINE_MS = 900_000;
const SEMI_SPACE_FLAG = "--max-semi-space-size=1";
/** The deploy's default Fargate task (packages/bot/deploy: cpu 256, memory 512). */
const SMALLEST_TASK_MIB = 512;

type Side = "bot" | "defaults";

interface Measured {
  readyMs: number;
  rss: number;
  heap: number;
  guilds: number;
  voice: number;
}

async function loginDefaults(restUrl: string, token: string, shards: number): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: { api: restUrl },
    shards: Array.from({ length: shards }, (_, i) => i),
    shardCount: shards,
  });
  const ready = new Promise<void>((r) => client.once("clientReady", () => r()));
  if (process.env.BENCH_DEBUG) watchShards(client);
  await client.login(token);
  await ready;
  return client;
}

/** BENCH_DEBUG=1: each shard's ready, close, reconnect and invalid session on stderr, with the time. */
function watchShards(client: Client): void {
  const t0 = performance.now();
  const say = (what: string) =>
    process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s ${what}\n`);
  client.on("shardReady", (id) => say(`shard ${id} ready`));
  client.on("shardDisconnect", (e, id) => say(`shard ${id} closed ${e.code}`));
  client.on("shardReconnecting", (id) => say(`shard ${id} reconnecting`));
  client.on("shardResume", (id) => say(`shard ${id} resumed`));
  client.on("invalidated", () => say("invalidated"));
  client.on("debug", (m) => {
    if (/Identif|Invalid|Waiting|timeout|unavailable|Ready/i.test(m))
      say(m.replace(/\s+/g, " ").slice(0, 160));
  });
}

async function child(side: Side): Promise<void> {
  const restUrl = process.env.BENCH_REST_URL ?? "";
  const token = process.env.BENCH_TOKEN ?? "";
  const shards = Number(process.env.BENCH_SHARDS);
  const client =
    side === "bot"
      ? await loginBenchBot({
          restUrl,
          token,
          outboxPrefix: "stepcord-bench-shards-",
          readyDeadlineMs: READY_DEADLINE_MS,
          shards,
        })
      : await loginDefaults(restUrl, token, shards);
  const readyMs = performance.now();
  await new Promise((r) => setTimeout(r, 200));
  let voice = 0;
  for (const g of client.guilds.cache.values()) voice += g.voiceStates.cache.size;
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({ readyMs, rss, heap: heapUsed, guilds: client.guilds.cache.size, voice }),
  );
  process.exit(0);
}

async function measure(
  side: Side,
  shards: number,
  fake: { restUrl: string; token: string },
): Promise<Measured> {
  const flags = side === "bot" ? [SEMI_SPACE_FLAG] : [];
  const proc = spawn(
    process.execPath,
    [...flags, "--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), side],
    {
      env: {
        ...process.env,
        BENCH_REST_URL: fake.restUrl,
        BENCH_TOKEN: fake.token,
        BENCH_SHARDS: String(shards),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise((r) => proc.once("exit", r));
  if (code !== 0) throw new Error(`the ${side} child exited with ${String(code)}`);
  return JSON.parse(out) as Measured;
}

const mb = (n: number) => n / 1024 / 1024;
const show = (m: Measured) =>
  `rss ${mb(m.rss).toFixed(0)} MB, heap ${mb(m.heap).toFixed(0)} MB, ready ${(m.readyMs / 1000).toFixed(1)} s (${m.guilds} guilds, ${m.voice} voice states)`;
const load = () => `load ${loadavg()[0]?.toFixed(1)}`;

const side = process.argv[2];
if (side === "bot" || side === "defaults") await child(side);
else {
  const { communityGuild, startFakeDiscord } = await import("../packages/fake-discord/src/gateway/index.js");
  const shardOf = (id: string, count: number) => Number((BigInt(id) >> 22n) % BigInt(count));
  // Guild indexes whose ids put exactly PER_SHARD on each shard of 4.
  const perShard: number[][] = [[], [], [], []];
  for (let i = 0; perShard.some((s) => s.length < PER_SHARD); i++) {
    const list = perShard[shardOf(communityGuild(i, { voiceMembers: 0 }).id, 4)];
    if (list && list.length < PER_SHARD) list.push(i);
  }
  const build = (indexes: number[]) =>
    indexes.map((g) => communityGuild(g, { voiceMembers: VOICE_MEMBERS, liveStage: g % 10 === 0 }));
  const scenarios = [
    { label: "1,250 guilds, 1 shard", shards: 1, indexes: perShard.flat().slice(0, 1_250) },
    { label: "2,500 guilds, 1 shard", shards: 1, indexes: perShard.flat().slice(0, 2_500) },
    { label: "10,000 guilds, 4 shards in one process", shards: 4, indexes: perShard.flat() },
  ];
  // BENCH_ONLY=4 runs only the scenarios of that many shards (for a look at one of them).
  const only = process.env.BENCH_ONLY === undefined ? undefined : Number(process.env.BENCH_ONLY);
  const chosen = scenarios.filter((s) => only === undefined || s.shards === only);
  console.log(`bot shards, community guilds with ${VOICE_MEMBERS} members in voice each; ${load()}`);
  const results: Array<{ label: string; guilds: number; bot: Measured; defaults: Measured }> = [];
  for (const s of chosen) {
    const fake = await startFakeDiscord({ guilds: build(s.indexes) });
    const defaults = await measure("defaults", s.shards, fake);
    const bot = await measure("bot", s.shards, fake);
    await fake.close();
    results.push({ label: s.label, guilds: s.indexes.length, bot, defaults });
    console.log(`  ${s.label}: defaults ${show(defaults)}; bot ${show(bot)}; ${load()}`);
    console.log(
      `    ratio bot/defaults: rss ${(bot.rss / defaults.rss).toFixed(2)}, heap ${(bot.heap / defaults.heap).toFixed(2)}, ready ${(bot.readyMs / defaults.readyMs).toFixed(2)}`,
    );
  }
  const [small, one, four] = results;
  if (small && one && four) {
    // Linear in guilds (issue 16, item 4): the heap and RSS added per guild from 1,250 to 2,500 (one shard) and from
    // 2,500 to 10,000 (4 shards), and the ratio of the two slopes (1.00 is linear), the defaults' in the same run.
    const slope = (s: Side, field: "rss" | "heap", from: typeof one, to: typeof one) =>
      (to[s][field] - from[s][field]) / 1024 / (to.guilds - from.guilds);
    for (const s of ["bot", "defaults"] as const)
      for (const field of ["heap", "rss"] as const) {
        const a = slope(s, field, small, one);
        const b = slope(s, field, one, four);
        console.log(
          `  ${s}: ${field} per guild ${a.toFixed(0)} KB (1,250→2,500) and ${b.toFixed(0)} KB (2,500→10,000), ratio of the slopes ${(b / a).toFixed(2)}`,
        );
      }
    console.log(
      `  one full shard (2,500 guilds) in the smallest task: bot ${mb(one.bot.rss).toFixed(0)} of ${SMALLEST_TASK_MIB} MiB (${((100 * mb(one.bot.rss)) / SMALLEST_TASK_MIB).toFixed(0)} %), defaults ${mb(one.defaults.rss).toFixed(0)} MiB`,
    );
  }
}
