// Event-to-request latency: from the fake gateway sending VOICE_STATE_UPDATE to the POST arriving at a local HTTP
// server, for the real bot (classify, rules, batch with a 0 ms window, durable outbox write with fsync, SigV4 sign,
// undici) against a peer in the same run: a bare discord.js client with the same intents that POSTs each
// voiceStateUpdate unsigned with undici, no outbox. One event in flight at a time, so this is latency, not
// throughput. Run from the repository root: node --import tsx bench/bot-overhead.ts [events]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Client, GatewayIntentBits } from "discord.js";
import { pino } from "pino";
import { request } from "undici";
import { start } from "../packages/bot/src/index.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";

// The bot ships with a 1 MB young generation (its Dockerfile and start script): measure it as it runs. The peer shares
// the process, so it runs with the same flag.
const SHIPPED_FLAG = "--max-semi-space-size=1";
if (!process.execArgv.includes(SHIPPED_FLAG)) {
  const child = spawnSync(process.execPath, [SHIPPED_FLAG, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
  });
  process.exit(child.status ?? 1);
}

// 3,000 samples: the p99 is then the 30th-worst, not the 10th, and steadier from run to run.
const EVENTS = Number(process.argv[2] ?? 3000);
const GUILD = "100000000000000001";
const LOUNGE = "200000000000000001";
const GAMES = "200000000000000002";
const USER = "300000000000000001";

const guild: FakeGuild = {
  id: GUILD,
  name: "Bench",
  afk_channel_id: null,
  channels: [
    { id: LOUNGE, name: "Lounge", type: 2 },
    { id: GAMES, name: "Games", type: 2 },
  ],
  members: [{ user: { id: USER, username: "runner" } }],
  voice_states: [],
};

/** A server that resolves the waiting measurement when a POST arrives. */
async function startSink() {
  let arrived: ((at: number) => void) | undefined;
  const server = createServer((req: IncomingMessage, res) => {
    const at = performance.now();
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
      arrived?.(at);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    next: () => new Promise<number>((resolve) => (arrived = resolve)),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function run(name: "bot" | "peer", outboxParent = tmpdir()): Promise<number[]> {
  const fake = await startFakeDiscord({ guilds: [structuredClone(guild)] });
  const sink = await startSink();
  const outbox = await mkdtemp(join(outboxParent, "stepcord-bench-outbox-"));
  let stop: () => Promise<unknown>;
  if (name === "bot") {
    const bot = await start({
      env: {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.restUrl,
        EVENTS_ENDPOINT: sink.url,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIDBENCH",
        AWS_SECRET_ACCESS_KEY: "bench/secret",
        STEPCORD_OUTBOX_DIR: outbox,
        BATCH_WINDOW_MS: "0",
      },
      logger: pino({ level: "silent" }),
    });
    while (!bot.health().ready) await new Promise((r) => setTimeout(r, 10));
    stop = () => bot.stop();
  } else {
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
      rest: { api: fake.restUrl },
    });
    client.on("voiceStateUpdate", (_old, next) => {
      void request(sink.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user: next.id, channel: next.channelId }),
      }).then((res) => res.body.dump());
    });
    const ready = new Promise<void>((r) => client.once("clientReady", () => r()));
    await client.login(fake.token);
    await ready;
    stop = () => client.destroy();
  }
  const latencies: number[] = [];
  for (let i = 0; i < EVENTS + 50; i++) {
    const arrival = sink.next();
    const sent = performance.now();
    fake.emitVoiceStateUpdate({ guild_id: GUILD, user_id: USER, channel_id: i % 2 === 0 ? LOUNGE : GAMES });
    const at = await arrival;
    if (i >= 50) latencies.push(at - sent); // the first 50 warm up the JIT and the connections
  }
  await stop();
  await fake.close();
  await sink.close();
  await rm(outbox, { recursive: true, force: true });
  return latencies.sort((a, b) => a - b);
}

const peer = await run("peer");
const ours = await run("bot");
// The same bot with its outbox in memory-backed /dev/shm, where fsync is nearly free: the difference is what
// durability on this machine's disk costs.
const shm = existsSync("/dev/shm") ? await run("bot", "/dev/shm") : undefined;
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(
  `event-to-request latency, ${EVENTS} events one at a time (fake gateway → POST received; node ${SHIPPED_FLAG} as shipped)`,
);
for (const [name, sorted] of [
  ["bare discord.js + undici (peer)", peer],
  ["stepcord bot", ours],
  ...(shm ? ([["stepcord bot, outbox on /dev/shm", shm]] as const) : []),
] as const) {
  console.log(
    `  ${name.padEnd(32)} p50 ${fmt(percentile(sorted, 50))}   p99 ${fmt(percentile(sorted, 99))}   max ${fmt(sorted.at(-1) ?? 0)}`,
  );
}
const overheadP99 = percentile(ours, 99) - percentile(peer, 99);
console.log(
  `  bot overhead at p99: ${fmt(overheadP99)} (goal ≤ 2 ms: ${overheadP99 <= 2 ? "met" : "not met"}); ` +
    `p99 ratio bot/peer ${(percentile(ours, 99) / percentile(peer, 99)).toFixed(2)}`,
);
if (shm) {
  const shmOverhead = percentile(shm, 99) - percentile(peer, 99);
  console.log(
    `  with the outbox on /dev/shm:  ${fmt(shmOverhead)} (goal ≤ 2 ms: ${shmOverhead <= 2 ? "met" : "not met"})`,
  );
}
process.exit(0);
