import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import pino from "pino";
import { parseConfig } from "../../src/config/config.js";
import { sameRulesForEveryGuild } from "../../src/rules/guild-rules.js";
import { MemberDirectory } from "../../src/voice/member-directory.js";
import { restoreVoice } from "../../src/voice/restore-voice.js";
import {
  MAX_SNAPSHOT_AGE_MS,
  SNAPSHOT_STAMP_FILE,
  VOICE_SNAPSHOT_DIR,
} from "../../src/voice/voice-snapshot-store.js";
import { type SavedVoiceMember, VoiceTracker } from "../../src/voice/voice-tracker.js";
import { savedMember } from "../support/voice-members.js";

const T0 = 1_800_000_000_000;
const ana = (channelId: string): SavedVoiceMember => savedMember("300000000000000001", channelId);

/** The voice a process restarted at `nowMs` would give its tracker, from the outbox directory `dir`. */
async function restoredAt(dir: string, nowMs: number) {
  const config = parseConfig({
    DISCORD_TOKEN: "t",
    EVENTS_ENDPOINT: "https://example.com/events",
    AWS_REGION: "eu-west-1",
  });
  const tracker = new VoiceTracker({
    rulesFor: sameRulesForEveryGuild(config.rules),
    selfId: () => undefined,
    now: () => nowMs,
    directory: new MemberDirectory(),
  });
  const restored = await restoreVoice({
    tracker,
    announced: (guildId) => tracker.savedGuild(guildId),
    outboxDir: dir,
    now: () => nowMs,
    logger: pino({ level: "silent" }),
  });
  return { tracker, ...restored };
}

describe("restoreVoice", () => {
  it("drops a snapshot too old to use, so a guild this process never saves is not taken as current after the next restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stepcord-restore-"));
    const snapshotDir = join(dir, VOICE_SNAPSHOT_DIR);
    await mkdir(snapshotDir, { recursive: true });
    await writeFile(join(snapshotDir, "g2.json"), JSON.stringify({ seq: 3, members: [ana("c9")] }));
    await writeFile(join(snapshotDir, SNAPSHOT_STAMP_FILE), JSON.stringify({ version: 1, savedAt: T0 }));

    // A restart after a long downtime ignores it; this process then saves another guild, which stamps the directory.
    const later = T0 + MAX_SNAPSHOT_AGE_MS + 60_000;
    const first = await restoredAt(dir, later);
    expect(first.tracker.savedGuild("g2")).to.deep.equal([]);
    first.landed.land({ guildId: "g1", seq: first.landed.take("g1").seq, atMs: later, members: [ana("c1")] });
    await first.snapshots.flush();

    const second = await restoredAt(dir, later + 1_000);
    expect(second.tracker.savedGuild("g2")).to.deep.equal([]);
    expect(second.tracker.savedGuild("g1")).to.have.length(1);
  });
});
