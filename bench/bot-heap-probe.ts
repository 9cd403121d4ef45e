// The bot's heap at N guilds over S shards against the fake gateway, and optionally a heap snapshot of it, for finding
// what grows with guilds (issue 16, item 4; decision 0043, "Memory per guild"). Guilds as in bot-shards.ts, as many on
// each shard; heapUsed after two forced GCs, 2.5 s after ready. Compare two sizes' snapshots by constructor in Chrome
// DevTools (Memory → Comparison). Not a bench: it prints no peer and no ratio.
// Run from the repository root: node --import tsx bench/bot-heap-probe.ts <guilds> <shards> [snapshot-path]
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeHeapSnapshot } from "node:v8";

const side = process.argv[2];
if (side === "child") {
  const { start } = await import("../packages/bot/src/index.js");
  const { pino } = await import("pino");
  const bot = await start({
    env: {
      DISCORD_TOKEN: process.env.BENCH_TOKEN,
      DISCORD_API_URL: process.env.BENCH_REST_URL,
      EVENTS_ENDPOINT: "http://127.0.0.1:9/events",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDBENCH",
      AWS_SECRET_ACCESS_KEY: "bench/secret",
      STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-probe-")),
      SHARD_COUNT: process.env.BENCH_SHARDS,
    },
    logger: pino({ level: "silent" }),
  });
  while (!bot.health().ready) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 2500));
  globalThis.gc?.();
  globalThis.gc?.();
  const c = bot.client;
  let voice = 0;
  let channels = 0;
  for (const g of c.guilds.cache.values()) {
    voice += g.voiceStates.cache.size;
    channels += g.channels.cache.size;
  }
  const out = {
    heap: process.memoryUsage().heapUsed,
    rss: process.memoryUsage().rss,
    guilds: c.guilds.cache.size,
    voice,
    channels,
    clientChannels: c.channels.cache.size,
    users: c.users.cache.size,
  };
  if (process.env.BENCH_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_SNAPSHOT);
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
} else {
  const guilds = Number(process.argv[2]);
  const shards = Number(process.argv[3]);
  const { communityGuild, startFakeDiscord } = await import("../packages/fake-discord/src/gateway/index.js");
  const shardOf = (id: string, count: number) => Number((BigInt(id) >> 22n) % BigInt(count));
  const per = Math.ceil(guilds / shards);
  const buckets: number[][] = Array.from({ length: shards }, () => []);
  for (let i = 0; buckets.some((s) => s.length < per); i++) {
    const list = buckets[shardOf(communityGuild(i, { voiceMembers: 0 }).id, shards)];
    if (list && list.length < per) list.push(i);
  }
  const indexes = buckets.flat();
  const fake = await startFakeDiscord({
    guilds: indexes.map((g) => communityGuild(g, { voiceMembers: 50, liveStage: g % 10 === 0 })),
  });
  const proc = spawn(
    process.execPath,
    ["--max-semi-space-size=1", "--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), "child"],
    {
      env: {
        ...process.env,
        BENCH_REST_URL: fake.restUrl,
        BENCH_TOKEN: fake.token,
        BENCH_SHARDS: String(shards),
        BENCH_SNAPSHOT: process.argv[4] ?? "",
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise((r) => proc.once("exit", r));
  await fake.close();
  const m = JSON.parse(out);
  console.log(
    JSON.stringify({ guildsAsked: indexes.length, shards, heapMB: +(m.heap / 2 ** 20).toFixed(1), ...m }),
  );
}
