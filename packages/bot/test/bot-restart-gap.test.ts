import type { ChildProcess } from "node:child_process";
import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { SNAPSHOT_STAMP_FILE, VOICE_SNAPSHOT_DIR } from "../src/voice/voice-snapshot-store.js";
import { BEN, botTestGuild, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { childEnv, freePort, killHard, spawnReadyBot } from "./support/child-bot.js";
import { startVerifyingServer, type VerifyingServer } from "./support/verifying-server.js";
import { WorkflowStandIn } from "./support/workflow-stand-in.js";

/**
 * Issue 13, item 4: SIGKILL at 100, 600 and 1,500 ms after one voice change, then a restart and one more change
 * (Dee joins) as a marker. Counted in what the workflow stand-in shows (its ledger answers a resent batch id
 * `duplicate`, as the real workflow does): Ben's join must be shown exactly once.
 */
describe("the bot killed with SIGKILL shortly after a voice change", function () {
  // Two processes start per test; on a busy 2-core machine that alone can take most of mocha's default.
  this.timeout(60_000);
  let fake: FakeDiscord;
  let server: VerifyingServer;
  let workflow: WorkflowStandIn;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [botTestGuild()] });
    server = await startVerifyingServer();
    workflow = new WorkflowStandIn();
    server.answerWith((batch) => workflow.answer(batch));
  });

  afterEach(async () => {
    child?.kill("SIGKILL");
    await fake.close();
    await server.close();
  });

  /** Ben joins, the bot dies `killAfterMs` later, comes back, Dee joins; resolves with what was shown. */
  const crashAfterChange = async (killAfterMs: number, windowMs: number) => {
    const outbox = await mkdtemp(join(tmpdir(), "stepcord-gap-"));
    const env = async () => ({
      ...childEnv(fake, server, outbox, await freePort()),
      BATCH_WINDOW_MS: String(windowMs),
    });
    child = await spawnReadyBot(await env());
    // A first change and its saved snapshot: the restart then diffs against what this process knew.
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await until(() => workflow.shown().includes(`join:${CAL}`));
    await until(() =>
      stat(join(outbox, VOICE_SNAPSHOT_DIR, SNAPSHOT_STAMP_FILE)).then(
        () => true,
        () => false,
      ),
    );
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await sleep(killAfterMs);
    await killHard(child);
    child = await spawnReadyBot(await env());
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => workflow.shown().includes(`join:${DEE}`), 15_000, "Dee's join to be shown");
    return workflow.shown();
  };

  for (const killAfterMs of [100, 600, 1_500]) {
    it(`does not announce a delivered change again when killed ${killAfterMs} ms after it`, async () => {
      const shown = await crashAfterChange(killAfterMs, 20);
      expect(shown.filter((e) => e === `join:${BEN}`)).to.have.length(1);
    });

    it(`does not lose a change still inside the batching window when killed ${killAfterMs} ms after it`, async () => {
      const shown = await crashAfterChange(killAfterMs, 2_500);
      expect(shown.filter((e) => e === `join:${BEN}`)).to.have.length(1);
    });
  }
});
