// RSS of a discord.js client holding 1,000 realistic guilds (see guilds()) with 50 voice members each: the bot's
// trimmed caches vs discord.js defaults, each measured in its own child process against the same fake gateway, in the
// same run. Run from the repository root: node --import tsx bench/bot-memory.ts
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createProbeClient } from "../packages/bot/src/cache-probe.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";

const GUILDS = 1000;
const MEMBERS = 50;
const RUNS = 3;

async function child(mode: string): Promise<void> {
  const client = createProbeClient(
    mode === "trimmed" ? "trimmed" : "default",
    process.env.BENCH_REST_URL ?? "",
  );
  const ready = new Promise<void>((r) => client.once("clientReady", () => r()));
  await client.login(process.env.BENCH_TOKEN);
  await ready;
  // What each client holds, so the comparison shows the workload was parsed and what the trimming dropped.
  const held = { voice: 0, members: 0, emojis: 0, stickers: 0, threads: 0, events: 0, channels: 0 };
  for (const g of client.guilds.cache.values()) {
    held.voice += g.voiceStates.cache.size;
    held.members += g.members.cache.size;
    held.emojis += g.emojis.cache.size;
    held.stickers += g.stickers.cache.size;
    held.threads += g.channels.cache.filter((c) => c.isThread()).size;
    held.events += g.scheduledEvents.cache.size;
    held.channels += g.channels.cache.size;
  }
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  process.stdout.write(JSON.stringify({ mode, rss, heap: heapUsed, ...held }));
  await client.destroy();
  process.exit(0);
}

/**
 * A realistic GUILD_CREATE for a bot without privileged intents: Discord sends members only for those in voice (and
 * the bot), but every guild still carries its roles, text and voice channels, custom emojis, stickers, active threads
 * and scheduled events. Sizes are those of a mid-sized community: 30 roles, 30 text + 10 voice channels, 100 emojis,
 * 15 stickers, 20 active threads, 5 scheduled events, and 50 members in voice.
 */
function guilds(): FakeGuild[] {
  const snowflake = (base: bigint, n: number) => String(base + BigInt(n));
  return Array.from({ length: GUILDS }, (_, g) => {
    const id = snowflake(100000000000000000n, g);
    const text = Array.from({ length: 30 }, (_, c) => ({
      id: snowflake(210000000000000000n, g * 100 + c),
      name: `text-${c}`,
      type: 0,
    }));
    const voice = Array.from({ length: 10 }, (_, c) => ({
      id: snowflake(220000000000000000n, g * 100 + c),
      name: `Voice ${c}`,
      type: 2,
    }));
    const lounge = voice[0]?.id ?? "";
    const members = Array.from({ length: MEMBERS }, (_, m) => ({
      user: {
        id: snowflake(300000000000000000n, g * MEMBERS + m),
        username: `user${m}`,
        global_name: `User ${m}`,
      },
      nick: null,
    }));
    const owner = members[0]?.user.id ?? "1";
    return {
      id,
      name: `Guild ${g}`,
      afk_channel_id: null,
      channels: [...text, ...voice],
      members,
      voice_states: members.map((m) => ({ user_id: m.user.id, channel_id: lounge })),
      extra: {
        roles: Array.from({ length: 30 }, (_, r) => ({
          id: snowflake(400000000000000000n, g * 100 + r),
          name: `role-${r}`,
          permissions: "1024",
          position: r + 1,
          color: r * 1000,
          hoist: false,
          managed: false,
          mentionable: true,
          flags: 0,
        })),
        emojis: Array.from({ length: 100 }, (_, e) => ({
          id: snowflake(500000000000000000n, g * 1000 + e),
          name: `emoji_${e}`,
          roles: [],
          require_colons: true,
          managed: false,
          animated: e % 5 === 0,
          available: true,
        })),
        stickers: Array.from({ length: 15 }, (_, k) => ({
          id: snowflake(600000000000000000n, g * 100 + k),
          name: `sticker ${k}`,
          tags: "smile",
          type: 2,
          format_type: 1,
          description: "a guild sticker",
          available: true,
          guild_id: id,
        })),
        threads: Array.from({ length: 20 }, (_, t) => ({
          id: snowflake(700000000000000000n, g * 100 + t),
          guild_id: id,
          parent_id: text[t % text.length]?.id,
          owner_id: owner,
          name: `thread ${t}`,
          type: 11,
          last_message_id: null,
          message_count: 12,
          member_count: 4,
          rate_limit_per_user: 0,
          flags: 0,
          thread_metadata: {
            archived: false,
            auto_archive_duration: 1440,
            archive_timestamp: "2026-11-01T00:00:00.000Z",
            locked: false,
          },
        })),
        guild_scheduled_events: Array.from({ length: 5 }, (_, e) => ({
          id: snowflake(800000000000000000n, g * 100 + e),
          guild_id: id,
          channel_id: lounge,
          creator_id: owner,
          name: `event ${e}`,
          description: "game night",
          scheduled_start_time: "2026-12-01T20:00:00.000Z",
          scheduled_end_time: null,
          privacy_level: 2,
          status: 1,
          entity_type: 2,
          entity_id: null,
          entity_metadata: null,
        })),
      },
    };
  });
}

interface Measured {
  rss: number;
  heap: number;
  voice: number;
  members: number;
  emojis: number;
  stickers: number;
  threads: number;
  events: number;
  channels: number;
}

async function measure(mode: string, restUrl: string, token: string): Promise<Measured> {
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
  return JSON.parse(out) as Measured;
}

const mode = process.argv[2];
if (mode) await child(mode);
else {
  const fake = await startFakeDiscord({ guilds: guilds() });
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  const median = async (m: string): Promise<Measured> => {
    const runs: Measured[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(m, fake.restUrl, fake.token));
    runs.sort((a, b) => a.rss - b.rss);
    return runs[Math.floor(RUNS / 2)] as Measured;
  };
  const defaults = await median("default");
  const trimmed = await median("trimmed");
  await fake.close();
  console.log(
    `bot memory, ${GUILDS} guilds with ${MEMBERS} voice members each (median of ${RUNS} runs per mode)`,
  );
  const held = (m: Measured) =>
    `voice states ${m.voice}, members ${m.members}, channels ${m.channels} (threads ${m.threads}), emojis ${m.emojis}, stickers ${m.stickers}, events ${m.events}`;
  console.log(`  held by discord.js defaults: ${held(defaults)}`);
  console.log(`  held by trimmed caches:      ${held(trimmed)}`);
  console.log(`  discord.js defaults: rss ${mb(defaults.rss)}, heap ${mb(defaults.heap)}`);
  console.log(`  trimmed caches:      rss ${mb(trimmed.rss)}, heap ${mb(trimmed.heap)}`);
  console.log(
    `  ratio trimmed/default: rss ${(trimmed.rss / defaults.rss).toFixed(2)}, heap ${(trimmed.heap / defaults.heap).toFixed(2)}`,
  );
}
