import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { GuildVoiceCheckpoint } from "../../src/voice/landed-voice.js";
import {
  MAX_SNAPSHOT_AGE_MS,
  SNAPSHOT_STAMP_FILE,
  VoiceSnapshotStore,
} from "../../src/voice/voice-snapshot-store.js";
import type { SavedVoice, SavedVoiceMember } from "../../src/voice/voice-tracker.js";
import { manualSchedule } from "../support/manual-schedule.js";
import { savedMember } from "../support/voice-members.js";

const ANA_IN_LOUNGE: SavedVoice = {
  g1: [savedMember("u1", "c1", { joinedAt: 5, name: { displayName: "Ana", bot: false } })],
};

/** A store over `members`, each read a landed checkpoint numbered after the last (`seq` counts them). */
async function rig(members: (guildId: string) => SavedVoiceMember[] = (id) => ANA_IN_LOUNGE[id] ?? []) {
  const dir = await mkdtemp(join(tmpdir(), "stepcord-snapshot-"));
  const clock = { nowMs: 1_000_000, seq: 0 };
  const read = (guildId: string): GuildVoiceCheckpoint => {
    clock.seq += 1;
    return { guildId, seq: clock.seq, atMs: clock.nowMs, members: members(guildId) };
  };
  const timers = manualSchedule();
  const errors: unknown[] = [];
  const store = (nowMs = clock.nowMs) =>
    new VoiceSnapshotStore({
      dir,
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
    const { timers, store, errors } = await rig((id) => {
      reads += 1;
      return ANA_IN_LOUNGE[id] ?? [];
    });
    const writer = store();
    for (let i = 0; i < 5; i++) writer.changed("g1");
    expect(timers.pending()).to.equal(1);
    expect(await store().load()).to.deep.equal({ status: "missing" });
    timers.fireAll();
    await writer.flush();
    expect(reads).to.equal(1);
    expect(errors).to.deep.equal([]);
    expect(await store().load()).to.deep.equal({
      status: "loaded",
      guilds: { g1: { seq: 1, members: ANA_IN_LOUNGE.g1 } },
      savedAtMs: 1_000_000,
      ageMs: 0,
      lastSeq: 1,
    });
  });

  it("saves on flush without waiting for the delay, and leaves no temp file", async () => {
    const { dir, timers, store } = await rig();
    const writer = store();
    writer.changed("g1");
    await writer.flush();
    expect(timers.pending()).to.equal(0);
    expect((await readdir(dir)).sort()).to.deep.equal(["g1.json", SNAPSHOT_STAMP_FILE]);
  });

  it("writes only the guilds that changed, and keeps a guild left empty as a file with no members", async () => {
    const reads: string[] = [];
    const inVoice: Record<string, SavedVoiceMember[]> = {
      g1: ANA_IN_LOUNGE.g1 ?? [],
      g2: ANA_IN_LOUNGE.g1 ?? [],
    };
    const { dir, store } = await rig((id) => {
      reads.push(id);
      return inVoice[id] ?? [];
    });
    const writer = store();
    writer.changed("g1");
    writer.changed("g2");
    await writer.flush();
    inVoice.g2 = [];
    writer.changed("g2");
    await writer.flush();
    expect(reads).to.deep.equal(["g1", "g2", "g2"]);
    expect((await readdir(dir)).sort()).to.deep.equal(["g1.json", "g2.json", SNAPSHOT_STAMP_FILE]);
    expect(await store().load()).to.deep.include({
      status: "loaded",
      guilds: { g1: { seq: 1, members: ANA_IN_LOUNGE.g1 }, g2: { seq: 3, members: [] } },
    });
  });

  it("reads a guild queued behind a save in progress when its turn to be written comes, not when it was queued", async () => {
    // Every guild is dirty at a shard's ready: a save that read them all when queued held every member's state
    // twice (issue 16, item 4, heap snapshots in decision 0043) until the slow one-file-per-guild writes ahead of it
    // were done, and wrote what was already stale.
    let displayName = "Ana";
    const { store } = await rig((id) =>
      (ANA_IN_LOUNGE[id] ?? []).map((member) => ({ ...member, name: { displayName, bot: false } })),
    );
    const writer = store();
    writer.changed("g1");
    const first = writer.flush();
    displayName = "Ana B.";
    writer.changed("g1");
    const second = writer.flush();
    displayName = "Ana C.";
    await Promise.all([first, second]);
    const loaded = await store().load();
    expect(loaded.status === "loaded" && loaded.guilds.g1?.members[0]?.name?.displayName).to.equal("Ana C.");
  });

  it("ignores a snapshot older than ten minutes, and takes one up to ten minutes from the future (a clock stepped back)", async () => {
    const { clock, store } = await rig();
    const writer = store();
    writer.changed("g1");
    await writer.flush();
    expect((await store(clock.nowMs + MAX_SNAPSHOT_AGE_MS).load()).status).to.equal("loaded");
    expect(await store(clock.nowMs + MAX_SNAPSHOT_AGE_MS + 1).load()).to.deep.equal({
      status: "too-old",
      ageMs: MAX_SNAPSHOT_AGE_MS + 1,
      lastSeq: 1,
    });
    expect((await store(clock.nowMs - MAX_SNAPSHOT_AGE_MS).load()).status).to.equal("loaded");
    expect((await store(clock.nowMs - MAX_SNAPSHOT_AGE_MS - 1).load()).status).to.equal("too-old");
  });

  it("settles a checkpoint by its sequence: a save stamped later by a clock since stepped back does not cover it", async () => {
    const { dir, clock, store } = await rig();
    const writer = store();
    writer.changed("g1");
    await writer.flush(); // g1 saved at checkpoint 1, stamped 1,000,000
    clock.nowMs -= 60_000;
    await writer.settle("g1", 2);
    const saved = JSON.parse(await readFile(join(dir, "g1.json"), "utf8")) as { seq: number };
    expect(saved.seq).to.equal(2);
  });

  it("reads a guild file as versions before sequence numbers wrote it: a bare member array", async () => {
    const { dir, store } = await rig();
    await writeFile(join(dir, SNAPSHOT_STAMP_FILE), '{"version":1,"savedAt":1000000}');
    await writeFile(join(dir, "g1.json"), JSON.stringify(ANA_IN_LOUNGE.g1));
    expect(await store().load()).to.deep.include({
      status: "loaded",
      guilds: { g1: { members: ANA_IN_LOUNGE.g1 } },
    });
  });

  it("treats a torn or foreign file as unreadable rather than as an empty guild", async () => {
    const { dir, store } = await rig();
    await writeFile(join(dir, SNAPSHOT_STAMP_FILE), '{"version":1,"savedAt":');
    expect(await store().load()).to.deep.equal({ status: "unreadable" });
    await writeFile(join(dir, SNAPSHOT_STAMP_FILE), '{"version":2,"savedAt":1000000}');
    expect(await store().load()).to.deep.equal({ status: "unreadable" });
    await writeFile(join(dir, SNAPSHOT_STAMP_FILE), '{"version":1,"savedAt":1000000}');
    await writeFile(join(dir, "g1.json"), '[{"state":');
    expect(await store().load()).to.deep.equal({ status: "unreadable" });
  });
});
