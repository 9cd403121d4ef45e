// RSS of a discord.js client holding 1,000 guilds × 50 voice members: the bot's trimmed caches vs discord.js
// defaults, each measured in its own child process against the same fake gateway, in the same run.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createProbeClient } from "../packages/bot/src/cache-probe.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";

const GUILDS = 1000;
const MEMBERS = 50;

async function child(mode: string): Promise<void> {
  const client = createProbeClient(
    mode === "trimmed" ? "trimmed" : "default",
    process.env.BENCH_REST_URL ?? "",
  );
  const ready = new Promise<void>((r) => client.once("clientReady", () => r()));
  await client.login(process.env.BENCH_TOKEN);
  await ready;
  let voice = 0;
  for (const g of client.guilds.cache.values()) voice += g.voiceStates.cache.size;
  globalThis.gc?.();
  process.stdout.write(
    JSON.stringify({ mode, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, voice }),
  );
  await client.destroy();
  process.exit(0);
}

function guilds(): FakeGuild[] {
  return Array.from({ length: GUILDS }, (_, g) => {
    const id = String(100000000000000000n + BigInt(g));
    const channel = String(200000000000000000n + BigInt(g));
    const members = Array.from({ length: MEMBERS }, (_, m) => ({
      user: { id: String(300000000000000000n + BigInt(g * MEMBERS + m)), username: `user${m}` },
    }));
    return {
      id,
      name: `Guild ${g}`,
      afk_channel_id: null,
      channels: [{ id: channel, name: "Lounge", type: 2 }],
      members,
      voice_states: members.map((m) => ({ user_id: m.user.id, channel_id: channel })),
    };
  });
}

async function measure(
  mode: string,
  restUrl: string,
  token: string,
): Promise<{ rss: number; heap: number; voice: number }> {
  const proc = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), mode],
    {
      env: { ...process.env, BENCH_REST_URL: restUrl, BENCH_TOKEN: token },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise((r) => proc.once("exit", r));
  return JSON.parse(out) as { rss: number; heap: number; voice: number };
}

const mode = process.argv[2];
if (mode) await child(mode);
else {
  const fake = await startFakeDiscord({ guilds: guilds() });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const defaults = await measure("default", fake.restUrl, fake.token);
  const trimmed = await measure("trimmed", fake.restUrl, fake.token);
  await fake.close();
  console.log(
    `bot memory, ${GUILDS} guilds × ${MEMBERS} voice members (voice states cached: default ${defaults.voice}, trimmed ${trimmed.voice})`,
  );
  console.log(`  discord.js defaults: rss ${mb(defaults.rss)}, heap ${mb(defaults.heap)}`);
  console.log(`  trimmed caches:      rss ${mb(trimmed.rss)}, heap ${mb(trimmed.heap)}`);
  console.log(
    `  ratio trimmed/default: rss ${(trimmed.rss / defaults.rss).toFixed(2)}, heap ${(trimmed.heap / defaults.heap).toFixed(2)}`,
  );
}
