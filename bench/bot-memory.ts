// Memory of the bot holding 1,000 community guilds with 50 members in voice each, against a discord.js client with
// its default caches, each in its own child process, logged in to the same fake gateway in the same run.
//
// Workload: each guild's GUILD_CREATE is what Discord sends a bot without the privileged GUILD_MEMBERS and
// GUILD_PRESENCES intents (communityGuild() in packages/fake-discord): a large guild (2,000 members) with 30 roles,
// 5 categories, 30 text, 10 voice and 1 stage channel (each carrying its category's 2 permission overwrites), 100
// custom emojis, 15 stickers, 20 active threads, 5 scheduled events, a live stage in every 10th guild, and member
// objects only for the 50 members in voice (2 of them music bots) and the bot itself. All 1,000 arrive in one burst
// after READY, as Discord sends them.
//
// "bot" is the real bot: start() with its trimmed caches, the raw-payload slimming, its member directory and the
// tracker's own voice snapshots; its outbox and deliverer idle (no voice changes happen). "defaults" is
// `new Client({ intents })` with the same intents and nothing else. Both run under `node --import tsx`, as the bot's
// Dockerfile does. RSS and heapUsed after two forced GCs; 3 runs per side, alternating; the median run (by RSS) of
// each side is compared. Two more passes put the numbers in context: both sides logged in to a fake with no guilds
// (what node, tsx and the libraries cost before any guild), and both sides with the same V8 flag capping the young
// generation (how much of the RSS is the GUILD_CREATE burst's high-water mark rather than what is held); the bot
// ships with that flag, so the last line compares it as shipped with defaults as a discord.js bot is usually run.
// Run from the repository root: node --import tsx bench/bot-memory.ts
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { Client, GatewayIntentBits } from "discord.js";
import { loginBenchBot } from "./login-bench-bot.js";

const GUILDS = 1000;
const VOICE_MEMBERS = 50;
const RUNS = 3;
const READY_DEADLINE_MS = 120_000;
/** Caps V8's young generation at 1 MB per semi-space: less of the burst's garbage stays resident. */
const SEMI_SPACE_FLAG = "--max-semi-space-size=1";

type Side = "bot" | "defaults";

interface Measured {
  /** From process start to ready, ms: parsing the burst of GUILD_CREATEs dominates it. */
  readyMs: number;
  rss: number;
  heap: number;
  voice: number;
  members: number;
  users: number;
  channels: number;
  roles: number;
  emojis: number;
  stickers: number;
  events: number;
}

async function loginDefaults(restUrl: string, token: string): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: { api: restUrl },
  });
  const ready = new Promise<void>((r) => client.once("clientReady", () => r()));
  await client.login(token);
  await ready;
  return client;
}

async function child(side: Side): Promise<void> {
  const restUrl = process.env.BENCH_REST_URL ?? "";
  const token = process.env.BENCH_TOKEN ?? "";
  const client =
    side === "bot"
      ? await loginBenchBot({
          restUrl,
          token,
          outboxPrefix: "stepcord-bench-memory-",
          readyDeadlineMs: READY_DEADLINE_MS,
        })
      : await loginDefaults(restUrl, token);
  const readyMs = performance.now();
  await new Promise((r) => setTimeout(r, 200));
  // What each side holds, so the output shows the workload was parsed and what the bot did not keep.
  const held = { voice: 0, members: 0, users: client.users.cache.size, channels: 0, roles: 0 };
  const unread = { emojis: 0, stickers: 0, events: 0 };
  for (const g of client.guilds.cache.values()) {
    held.voice += g.voiceStates.cache.size;
    held.members += g.members.cache.size;
    held.channels += g.channels.cache.size;
    held.roles += g.roles.cache.size;
    unread.emojis += g.emojis.cache.size;
    unread.stickers += g.stickers.cache.size;
    unread.events += g.scheduledEvents.cache.size;
  }
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(JSON.stringify({ readyMs, rss, heap: heapUsed, ...held, ...unread }));
  process.exit(0);
}

async function measure(side: Side, flags: string[], restUrl: string, token: string): Promise<Measured> {
  const proc = spawn(
    process.execPath,
    [...flags, "--expose-gc", "--import", "tsx", fileURLToPath(import.meta.url), side],
    {
      env: { ...process.env, BENCH_REST_URL: restUrl, BENCH_TOKEN: token },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  proc.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise((r) => proc.once("exit", r));
  if (code !== 0) throw new Error(`the ${side} child exited with ${String(code)}`);
  return JSON.parse(out) as Measured;
}

/** Runs each side RUNS times, alternating, and returns each side's median run by RSS. */
async function medians(
  label: string,
  flags: string[],
  fake: { restUrl: string; token: string },
): Promise<Record<Side, Measured>> {
  const runs: Record<Side, Measured[]> = { bot: [], defaults: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const s of ["defaults", "bot"] as const)
      runs[s].push(await measure(s, flags, fake.restUrl, fake.token));
    console.log(`  ${label}, run ${i + 1}: defaults ${show(runs.defaults[i])}; bot ${show(runs.bot[i])}`);
  }
  const median = (s: Side) => [...runs[s]].sort((a, b) => a.rss - b.rss)[Math.floor(RUNS / 2)] as Measured;
  return { bot: median("bot"), defaults: median("defaults") };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const show = (m: Measured | undefined) =>
  m ? `rss ${mb(m.rss)}, heap ${mb(m.heap)}, ready in ${(m.readyMs / 1000).toFixed(1)} s` : "none";
const held = (m: Measured) =>
  `voice states ${m.voice}, members ${m.members}, users ${m.users}, channels ${m.channels}, roles ${m.roles}, ` +
  `emojis ${m.emojis}, stickers ${m.stickers}, scheduled events ${m.events}`;
const ratios = (m: Record<Side, Measured>) => {
  const rss = m.bot.rss / m.defaults.rss;
  return `ratio bot/defaults rss ${rss.toFixed(2)}, heap ${(m.bot.heap / m.defaults.heap).toFixed(2)} (goal rss ≤ 1/3: ${rss <= 1 / 3 ? "met" : "not met"})`;
};

const side = process.argv[2];
if (side === "bot" || side === "defaults") await child(side);
else {
  const { communityGuild, startFakeDiscord } = await import("../packages/fake-discord/src/gateway/index.js");
  const empty = await startFakeDiscord({ guilds: [] });
  const guilds = Array.from({ length: GUILDS }, (_, g) =>
    communityGuild(g, { voiceMembers: VOICE_MEMBERS, liveStage: g % 10 === 0 }),
  );
  const fake = await startFakeDiscord({ guilds });
  console.log(`bot memory, ${GUILDS} community guilds with ${VOICE_MEMBERS} members in voice each`);
  const idle = await medians("idle (no guilds)", [], empty);
  const loaded = await medians(`${GUILDS} guilds`, [], fake);
  const capped = await medians(`${GUILDS} guilds, ${SEMI_SPACE_FLAG} on both`, [SEMI_SPACE_FLAG], fake);
  await fake.close();
  await empty.close();
  console.log(`  held by discord.js defaults: ${held(loaded.defaults)}`);
  console.log(`  held by the bot:             ${held(loaded.bot)}`);
  console.log(
    `  median of ${RUNS}, idle (logged in, no guilds): defaults ${show(idle.defaults)}; bot ${show(idle.bot)}`,
  );
  console.log(
    `  median of ${RUNS}, ${GUILDS} guilds: defaults ${show(loaded.defaults)}; bot ${show(loaded.bot)}; ${ratios(loaded)}`,
  );
  const above = (s: Side) => loaded[s].heap - idle[s].heap;
  console.log(
    `  heap for the guilds alone (above idle): defaults ${mb(above("defaults"))}, bot ${mb(above("bot"))}, ` +
      `ratio ${(above("bot") / above("defaults")).toFixed(2)}`,
  );
  console.log(
    `  median of ${RUNS}, ${GUILDS} guilds with ${SEMI_SPACE_FLAG} on both: defaults ${show(capped.defaults)}; ` +
      `bot ${show(capped.bot)}; ${ratios(capped)}`,
  );
  // The bot's Dockerfile and start script run it with the flag; a discord.js bot is usually run without.
  console.log(
    `  the bot as shipped (${SEMI_SPACE_FLAG}) against defaults without it: ` +
      `${ratios({ bot: capped.bot, defaults: loaded.defaults })}`,
  );
}
