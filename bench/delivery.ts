import { setTimeout as sleep } from "node:timers/promises";
import { syncAnswer } from "../packages/bot/test/support/sync-answers.js";
import {
  type ReceivedBatch,
  startVerifyingServer,
  TEST_CREDENTIALS,
} from "../packages/bot/test/support/verifying-server.js";
import { WorkflowStandIn } from "../packages/bot/test/support/workflow-stand-in.js";
import { startFakeDiscord } from "../packages/fake-discord/src/gateway/index.js";
import {
  benchGuild,
  channelId,
  GUILD,
  inProcessBot,
  killTrials,
  OTHER_GUILD,
  replay,
  report,
  run,
  shared,
  userId,
} from "./delivery-scenarios.js";

/** The in-process bot for two guilds (GUILD, OTHER_GUILD) against `answer`, ready. */
async function twoGuildBot(answer: (batch: ReceivedBatch) => unknown) {
  const fake = await startFakeDiscord({ guilds: [benchGuild(1), benchGuild(1, OTHER_GUILD)] });
  const server = await startVerifyingServer();
  server.answerWith(answer);
  const bot = await inProcessBot(fake, {
    botEnv: { EVENTS_ENDPOINT: server.url, AWS_REGION: "eu-west-1" },
    credentials: TEST_CREDENTIALS,
  });
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

const mode = process.argv[2] ?? "raid";
if (mode === "raid")
  report(
    "raid: 500 voice changes in 10 s, one guild, one channel",
    await run("stand-in", 500, 10_000, 1),
    10_000,
  );
else if (mode === "sustained")
  report(
    "sustained: 5,000 voice changes over 5 min across 20 voice channels",
    await run("stand-in", 5_000, 300_000, 20),
    300_000,
  );
else if (mode === "kill") await killTrials("stand-in", Number(process.argv[3] ?? 20), 500, 10_000);
else if (mode === "replay") await replay("stand-in", 100);
else if (mode === "blocked") await blocked(200, 20_000);
else if (mode === "shared") await shared("stand-in", 250, 10_000);
else throw new Error(`Unknown mode ${mode}. Must be raid, sustained, kill, replay, blocked or shared.`);
process.exit(0);
