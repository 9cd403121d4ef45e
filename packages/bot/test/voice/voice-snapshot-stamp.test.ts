import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { GuildVoiceCheckpoint } from "../../src/voice/landed-voice.js";
import {
  MAX_SNAPSHOT_AGE_MS,
  STAMP_REFRESH_MS,
  VoiceSnapshotStore,
} from "../../src/voice/voice-snapshot-store.js";
import { manualSchedule } from "../support/manual-schedule.js";
import { savedMember } from "../support/voice-members.js";

const ANA: GuildVoiceCheckpoint["members"] = [savedMember("u1", "c1")];

/**
 * Issue 13: the stamp dates the whole snapshot, so it must mean "when the bot last knew this was true", not "when
 * something last changed". A server quiet for longer than MAX_SNAPSHOT_AGE_MS must still restore after a short downtime.
 */
describe("VoiceSnapshotStore stamp", () => {
  const start = async () => {
    const dir = await mkdtemp(join(tmpdir(), "stepcord-stamp-"));
    const clock = { nowMs: 1_800_000_000_000 };
    const timers = manualSchedule();
    const errors: unknown[] = [];
    const store = new VoiceSnapshotStore({
      dir,
      now: () => clock.nowMs,
      read: (guildId) => ({ guildId, seq: 1, atMs: clock.nowMs, members: ANA }),
      onError: (e) => errors.push(e),
      schedule: timers.schedule,
    });
    const reader = () =>
      new VoiceSnapshotStore({ dir, now: () => clock.nowMs, read: () => undefined, onError: () => {} });
    return { dir, clock, timers, errors, store, reader };
  };

  it("keeps a snapshot nobody changed for twice the age limit current while the bot runs", async () => {
    const { clock, timers, errors, store, reader } = await start();
    await store.settle("g1", 1);
    store.keepFresh();
    // The bot runs on, its server quiet, for twice the age limit; each refresh interval passes on the clock.
    for (let ran = 0; ran < (2 * MAX_SNAPSHOT_AGE_MS) / STAMP_REFRESH_MS; ran += 1) {
      clock.nowMs += STAMP_REFRESH_MS;
      timers.fireAll();
      await store.idle();
    }
    await store.close();
    clock.nowMs += 30_000; // a short downtime
    const loaded = await reader().load();
    expect(errors).to.deep.equal([]);
    expect(loaded.status).to.equal("loaded");
    expect(loaded.status === "loaded" && loaded.guilds.g1?.members).to.deep.equal(ANA);
  });

  it("writes one stamp per interval, not one file per guild", async () => {
    const { timers, store } = await start();
    await store.settle("g1", 1);
    store.keepFresh();
    expect(timers.pending(), "one timer for the refresh").to.equal(1);
    timers.fireAll();
    await store.idle();
    expect(timers.pending(), "the next refresh is scheduled").to.equal(1);
    await store.close();
    expect(timers.pending(), "closing stops refreshing").to.equal(0);
  });

  it("still lets a snapshot age while the bot is down", async () => {
    const { clock, store, reader } = await start();
    await store.settle("g1", 1);
    store.keepFresh();
    await store.close();
    clock.nowMs += MAX_SNAPSHOT_AGE_MS + 1;
    expect((await reader().load()).status).to.equal("too-old");
  });
});
