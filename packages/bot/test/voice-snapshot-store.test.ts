import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { MAX_SNAPSHOT_AGE_MS, VOICE_SNAPSHOT_FILE, VoiceSnapshotStore } from "../src/voice-snapshot-store.js";
import type { SavedVoice } from "../src/voice-tracker.js";
import { manualSchedule } from "./support/manual-schedule.js";

const ANA_IN_LOUNGE: SavedVoice = {
  g1: [
    {
      state: {
        userId: "u1",
        channelId: "c1",
        streaming: false,
        video: false,
        suppress: false,
        serverMute: false,
        serverDeaf: false,
      },
      joinedAt: 5,
      name: { displayName: "Ana", bot: false },
    },
  ],
};

async function rig(read: () => SavedVoice = () => ANA_IN_LOUNGE) {
  const dir = await mkdtemp(join(tmpdir(), "stepcord-snapshot-"));
  const clock = { nowMs: 1_000_000 };
  const timers = manualSchedule();
  const errors: Error[] = [];
  const store = (nowMs = clock.nowMs) =>
    new VoiceSnapshotStore({
      file: join(dir, VOICE_SNAPSHOT_FILE),
      now: () => nowMs,
      read,
      onError: (e) => errors.push(e),
      schedule: timers.schedule,
    });
  return { dir, clock, timers, errors, store };
}

describe("VoiceSnapshotStore", () => {
  it("writes a burst of changes once, when the delay runs out, and loads it back", async () => {
    let reads = 0;
    const { timers, store, errors } = await rig(() => {
      reads += 1;
      return ANA_IN_LOUNGE;
    });
    const writer = store();
    for (let i = 0; i < 5; i++) writer.changed();
    expect(timers.pending()).to.equal(1);
    expect(await store().load()).to.deep.equal({ status: "missing" });
    timers.fireAll();
    await writer.flush();
    expect(reads).to.equal(2);
    expect(errors).to.deep.equal([]);
    expect(await store().load()).to.deep.equal({ status: "loaded", guilds: ANA_IN_LOUNGE, ageMs: 0 });
  });

  it("saves on flush without waiting for the delay, and leaves no temp file", async () => {
    const { dir, timers, store } = await rig();
    const writer = store();
    writer.changed();
    await writer.flush();
    expect(timers.pending()).to.equal(0);
    expect(await readdir(dir)).to.deep.equal([VOICE_SNAPSHOT_FILE]);
  });

  it("ignores a snapshot older than ten minutes, and one from the future", async () => {
    const { clock, store } = await rig();
    await store().flush();
    expect((await store(clock.nowMs + MAX_SNAPSHOT_AGE_MS).load()).status).to.equal("loaded");
    expect(await store(clock.nowMs + MAX_SNAPSHOT_AGE_MS + 1).load()).to.deep.equal({
      status: "too-old",
      ageMs: MAX_SNAPSHOT_AGE_MS + 1,
    });
    expect((await store(clock.nowMs - 1).load()).status).to.equal("too-old");
  });

  it("treats a torn or foreign file as unreadable rather than as an empty guild", async () => {
    const { dir, store } = await rig();
    await writeFile(join(dir, VOICE_SNAPSHOT_FILE), '{"version":1,"savedAt":');
    expect(await store().load()).to.deep.equal({ status: "unreadable" });
    await writeFile(join(dir, VOICE_SNAPSHOT_FILE), '{"version":2,"savedAt":1000000,"guilds":{}}');
    expect(await store().load()).to.deep.equal({ status: "unreadable" });
  });
});
