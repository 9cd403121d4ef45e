// Issue 14's limits: a server's notices never wait on another server's rate limit. Two servers, each with its own
// webhook (STEPCORD_SERVERS_FILE, the stack's `servers` output as a file), through the real bot (start() in-process)
// against the fake gateway and a SigV4-verifying endpoint answering as the EXPRESS workflow (WorkflowStandIn: Discord's
// buckets of the stricter fake, 5 per 2 s per webhook and 30 per 60 s per channel). The calm server gets one join
// every 500 ms; the latency of each (gateway dispatch → the stand-in posting it) is compared with the same calm
// traffic measured alone earlier in the same run, and with both servers behind one webhook (today's single
// `discordWebhookUrl`), where Discord's bucket is shared. Run from the repository root:
//   node --import tsx bench/servers.ts
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { start } from "../packages/bot/src/index.js";
import { directoryOf, webhookUrl, writeServersFile } from "../packages/bot/test/support/two-servers.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "../packages/bot/test/support/verifying-server.js";
import {
  CHANNEL_BUCKET,
  WEBHOOK_BUCKET,
  WorkflowStandIn,
} from "../packages/bot/test/support/workflow-stand-in.js";
import { type FakeGuild, startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";

const RAID = "100000000000000001";
const CALM = "100000000000000002";
const RAID_VOICE = "200000000000000001";
const CALM_VOICE = "200000000000000002";
const RAID_CHANGES = 500;
const RAID_MS = 10_000;
const CALM_EVERY_MS = 500;
const CALM_CHANGES = 40;
const userId = (i: number) => String(300000000000000001n + BigInt(i));

const guild = (id: string, voice: string, name: string): FakeGuild => ({
  id,
  name,
  afk_channel_id: null,
  channels: [{ id: voice, name: `${name}-voice`, type: 2 }],
  members: [],
  voice_states: [],
});

interface Phase {
  calmLatenciesMs: number[];
  raidDelivered: number;
  raidMessages: number;
  rateLimited: number;
  calmRateLimited: number;
}

/** One bot, two servers; `raid` adds the raid to the calm traffic; `sharedWebhook` keys Discord's buckets as one. */
async function phase(raid: boolean, sharedWebhook: boolean): Promise<Phase> {
  const fake = await startFakeDiscord({
    guilds: [guild(RAID, RAID_VOICE, "raid"), guild(CALM, CALM_VOICE, "calm")],
  });
  const server = await startVerifyingServer();
  const workflow = new WorkflowStandIn({
    buckets: [WEBHOOK_BUCKET, CHANNEL_BUCKET],
    ...(sharedWebhook ? { webhookOf: () => "one-webhook" } : {}),
  });
  const emittedAt = new Map<string, number>();
  const calmLatenciesMs: number[] = [];
  let calmRateLimited = 0;
  server.answerWith((batch) => {
    const before = workflow.posted.length;
    const limitedBefore = workflow.rateLimited;
    const answer = workflow.answer(batch);
    const calm = batch.events[0]?.guild.id === CALM;
    if (calm && workflow.rateLimited > limitedBefore) calmRateLimited += 1;
    if (calm && workflow.posted.length > before)
      for (const e of batch.events)
        calmLatenciesMs.push(Date.now() - (emittedAt.get(e.user.id) ?? Date.now()));
    return answer;
  });
  const env: Record<string, string> = {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.restUrl,
    EVENTS_ENDPOINT: server.url,
    AWS_REGION: "eu-west-1",
    STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-bench-servers-")),
  };
  if (!sharedWebhook)
    env.STEPCORD_SERVERS_FILE = await writeServersFile(
      directoryOf({ [RAID]: { webhookUrl: webhookUrl(1) }, [CALM]: { webhookUrl: webhookUrl(2) } }),
    );
  const bot = await start({ env, credentials: TEST_CREDENTIALS, logger: pino({ level: "silent" }) });
  while (!bot.health().ready) await sleep(10);
  const began = Date.now();
  const calm = (async () => {
    for (let i = 0; i < CALM_CHANGES; i++) {
      const due = began + i * CALM_EVERY_MS;
      if (due > Date.now()) await sleep(due - Date.now());
      const user = userId(100_000 + i);
      emittedAt.set(user, Date.now());
      fake.emitVoiceStateUpdate({ guild_id: CALM, user_id: user, channel_id: CALM_VOICE });
    }
  })();
  const raiding = (async () => {
    if (!raid) return;
    for (let i = 0; i < RAID_CHANGES; i++) {
      const due = began + (i * RAID_MS) / RAID_CHANGES;
      if (due > Date.now()) await sleep(due - Date.now());
      fake.emitVoiceStateUpdate({ guild_id: RAID, user_id: userId(i), channel_id: RAID_VOICE });
    }
  })();
  await Promise.all([calm, raiding]);
  const raidShown = () => workflow.posted.filter((b) => b.events[0]?.guild.id === RAID);
  while (
    calmLatenciesMs.length < CALM_CHANGES ||
    (raid && raidShown().flatMap((b) => b.events).length < RAID_CHANGES)
  )
    await sleep(20);
  await bot.stop();
  await fake.close();
  await server.close();
  return {
    calmLatenciesMs,
    raidDelivered: raidShown().flatMap((b) => b.events).length,
    raidMessages: raidShown().length,
    rateLimited: workflow.rateLimited,
    calmRateLimited,
  };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

function line(title: string, p: Phase, baseline?: Phase): void {
  const p50 = quantile(p.calmLatenciesMs, 0.5);
  const p95 = quantile(p.calmLatenciesMs, 0.95);
  const max = Math.max(...p.calmLatenciesMs);
  const ratio = (value: number, base: number) => (baseline ? ` (${(value / base).toFixed(2)}×)` : "");
  const b = baseline?.calmLatenciesMs ?? [];
  console.log(title);
  console.log(
    `  calm server: ${p.calmLatenciesMs.length} / ${CALM_CHANGES} shown, latency p50 ${p50} ms${ratio(p50, quantile(b, 0.5))}, p95 ${p95} ms${ratio(p95, quantile(b, 0.95))}, max ${max} ms${ratio(max, Math.max(...b))}; its batches answered rate-limited ${p.calmRateLimited}`,
  );
  if (p.raidMessages > 0)
    console.log(
      `  raiding server: ${p.raidDelivered} / ${RAID_CHANGES} shown in ${p.raidMessages} messages; rate-limited answers in all ${p.rateLimited}`,
    );
}

const alone = await phase(false, false);
line(`baseline: the calm server alone, one join every ${CALM_EVERY_MS} ms`, alone);
const ownWebhooks = await phase(true, false);
line(
  `raid: ${RAID_CHANGES} joins in ${RAID_MS / 1000} s in the other server, each server its own webhook`,
  ownWebhooks,
  alone,
);
const shared = await phase(true, true);
line("the same raid with both servers behind one webhook (a single discordWebhookUrl)", shared, alone);
process.exit(0);
