import { readFile } from "node:fs/promises";
import { join, sep } from "node:path";
import type { FakeGuild } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { SNAPSHOT_STAMP_FILE, VOICE_SNAPSHOT_DIR } from "../src/voice/voice-snapshot-store.js";
import { ANA, BEN, botTestGuild, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import { crashImage, heldWrites } from "./support/held-writes.js";
import { WorkflowStandIn } from "./support/workflow-stand-in.js";

const GUILD_2 = "100000000000000002";
const secondGuild = (): FakeGuild => ({
  ...botTestGuild(),
  id: GUILD_2,
  name: "Stepcord Two",
  voice_states: [],
});

/**
 * Finds of the delivery read (docs/architecture.md, "Open findings on delivery"): each test stops the disk at one
 * point with held writes, takes the outbox directory as a SIGKILL there would leave it, restarts the bot on that copy
 * and counts what the workflow stand-in shows.
 */
describe("the bot restarted from the disk a SIGKILL leaves", function () {
  this.timeout(60_000);
  let rig: BotRig;
  let writes: ReturnType<typeof heldWrites>;
  let workflow: WorkflowStandIn;
  const shown = () => workflow.shown();
  const snapshotFile = (name: string) => join(rig.outboxDir, VOICE_SNAPSHOT_DIR, name);
  const stampText = () => readFile(snapshotFile(SNAPSHOT_STAMP_FILE), "utf8").catch(() => "");
  const isBatchTmp = (path: string) =>
    path.startsWith(`${rig.outboxDir}${sep}`) &&
    path.endsWith(".tmp") &&
    !path.includes(`${sep}${VOICE_SNAPSHOT_DIR}${sep}`);
  const isSnapshotTmp = (name?: string) => (path: string) =>
    path.includes(`${sep}${VOICE_SNAPSHOT_DIR}${sep}`) && path.endsWith(name ? `${name}.tmp` : ".tmp");

  const startRig = async (options: Parameters<typeof startBotRig>[0] = {}) => {
    writes = heldWrites();
    workflow = new WorkflowStandIn();
    rig = await startBotRig(options);
    rig.server.answerWith((batch) => workflow.answer(batch));
    await until(async () => (await stampText()) !== "", 15_000, "the first voice snapshot save");
  };
  /** Stops the bot (its later writes go to the directory), then puts the crash image back in place. */
  const restartFrom = async (putBack: () => Promise<void>, ...start: Parameters<BotRig["startBot"]>) => {
    writes.restore();
    await rig.stopBot();
    await putBack();
    rig.server.failNext(0, 503);
    await rig.startBot(...start);
  };

  afterEach(async () => {
    writes.restore();
    await rig.close();
  });

  it("does not save a change into the voice snapshot before its batch is on disk (finding 2)", async () => {
    await startRig({ guilds: [botTestGuild(), secondGuild()] });
    rig.server.failNext(1_000_000, 503);
    const guildOneFile = writes.hold(isSnapshotTmp(`${GUILD_ID}.json`));
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_2, user_id: CAL, channel_id: LOUNGE });
    // A save of both guilds has begun and stands at the first guild's file.
    await guildOneFile.arrived;
    const deeBatch = writes.hold(isBatchTmp);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_2, user_id: DEE, channel_id: GAMES });
    await deeBatch.arrived;
    const stampBefore = await stampText();
    guildOneFile.release();
    // The save has written the second guild's file and its stamp (which dates it past Cal's queued batch, so the
    // restart takes the file, not that batch's voice); Dee's batch is not on disk.
    await until(async () => (await stampText()) !== stampBefore, 15_000, "the save's stamp");
    const putBack = await crashImage(rig.outboxDir);

    await restartFrom(putBack);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null });
    await until(() => shown().includes(`leave:${ANA}`), 15_000, "Ana's leave after the restart");
    expect(shown().filter((e) => e === `join:${DEE}`)).to.have.length(1);
  });

  it("announces a join still inside DWELL_SECONDS at the crash after the restart (finding 3)", async () => {
    await startRig({ env: { DWELL_SECONDS: "60" } });
    const before = await stampText();
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    // The change is saved within a second; Ben's join waits out its minute in memory.
    await until(async () => (await stampText()) !== before, 15_000, "a snapshot save after Ben's join");
    const putBack = await crashImage(rig.outboxDir);

    await restartFrom(putBack, undefined, { DWELL_SECONDS: "1" });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => shown().includes(`join:${DEE}`), 15_000, "Dee's join after the restart");
    expect(shown().filter((e) => e === `join:${BEN}`)).to.have.length(1);
  });

  it("restores a queued batch's voice over the saved snapshot when the clock was stepped back between them (finding 7)", async () => {
    let offsetMs = 0;
    await startRig({ start: { now: () => Date.now() + offsetMs } });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => shown().includes(`join:${BEN}`));
    // Delivered and its file deleted: the snapshot has been saved past Ben's join.
    await until(() => rig.bot.health().outboxDepth === 0);
    writes.hold(isSnapshotTmp());
    offsetMs = -5 * 60_000; // an NTP step back, well inside the snapshot's ten minutes
    rig.server.failNext(1_000_000, 503);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await until(() => rig.server.failuresAnswered > 0, 15_000, "Cal's batch to be sent (so it is on disk)");
    const putBack = await crashImage(rig.outboxDir);

    await restartFrom(putBack, { now: Date.now });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => shown().includes(`join:${DEE}`), 15_000, "Dee's join after the restart");
    expect(shown().filter((e) => e === `join:${CAL}`)).to.have.length(1);
  });

  it("keeps a delivered batch's file until the snapshot has its change, though the clock stepped back since the last save (finding 7)", async () => {
    let offsetMs = 0;
    await startRig({ start: { now: () => Date.now() + offsetMs } });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => shown().includes(`join:${BEN}`));
    await until(() => rig.bot.health().outboxDepth === 0);
    const snapshotWrite = writes.hold(isSnapshotTmp());
    offsetMs = -5 * 60_000;
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await until(() => shown().includes(`join:${CAL}`), 15_000, "Cal's join to be shown");
    // A save that would have Cal has begun (to settle Cal's batch, or a second after the change) and stands held.
    await snapshotWrite.arrived;
    const putBack = await crashImage(rig.outboxDir);

    await restartFrom(putBack, { now: Date.now });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => shown().includes(`join:${DEE}`), 15_000, "Dee's join after the restart");
    expect(shown().filter((e) => e === `join:${CAL}`)).to.have.length(1);
  });
});
