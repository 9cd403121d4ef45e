import { join } from "node:path";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import { LandedVoice } from "./landed-voice.js";
import { MAX_SNAPSHOT_AGE_MS, VOICE_SNAPSHOT_DIR, VoiceSnapshotStore } from "./voice-snapshot-store.js";
import type { SavedVoice, SavedVoiceMember, VoiceTracker } from "./voice-tracker.js";

/** A guild's voice as a queued batch carries it (the outbox's VoiceCheckpoint, seen from voice/). */
export interface QueuedVoiceCheckpoint {
  /** Absent in batches queued before decision 0044; those are ordered by `atMs` against the snapshot's stamp. */
  seq?: number | undefined;
  atMs: number;
  members: unknown[];
}

export interface RestoreVoiceOptions {
  tracker: VoiceTracker;
  /** A guild's announced voice now (the tracker's, less joins held by the dwell time): what a checkpoint takes. */
  announced: (guildId: string) => SavedVoiceMember[];
  /** The outbox directory; the snapshot lives in its VOICE_SNAPSHOT_DIR. */
  outboxDir: string;
  /** The wall clock: a snapshot's age across restarts. */
  now: () => number;
  logger: Logger;
  /**
   * The newest voice each guild's queued batches carry: newer than the saved snapshot when the process died after
   * queuing a change and before saving it, and then it wins (decision 0042).
   */
  checkpoints?: Map<string, QueuedVoiceCheckpoint>;
}

/**
 * Gives the tracker what the process before this one knew of each guild's voice channels (when the snapshot is
 * recent enough), brought up to date by the voice its queued batches carry; returns the store that keeps saving it and
 * the landed voice it saves from.
 */
export async function restoreVoice(
  options: RestoreVoiceOptions,
): Promise<{ snapshots: VoiceSnapshotStore; landed: LandedVoice }> {
  const { tracker, logger, now } = options;
  let landed: LandedVoice | undefined;
  const snapshots = new VoiceSnapshotStore({
    dir: join(options.outboxDir, VOICE_SNAPSHOT_DIR),
    now,
    read: (guildId) => landed?.of(guildId),
    onSaved: (guildId, seq) => landed?.saved(guildId, seq),
    onError: (error) => logger.warn({ err: errorMessage(error) }, "could not save the voice snapshot"),
  });
  const loaded = await snapshots.load();
  if (loaded.status === "too-old")
    await snapshots
      .discard()
      .catch((error: unknown) =>
        logger.warn({ err: errorMessage(error) }, "could not delete a voice snapshot too old to use"),
      );
  const fresh = loaded.status === "loaded";
  const guilds = new Map(fresh ? Object.entries(loaded.guilds) : []);
  const savedAtMs = fresh ? loaded.savedAtMs : Number.NEGATIVE_INFINITY;
  let lastSeq = "lastSeq" in loaded ? loaded.lastSeq : 0;
  const fromBatches: string[] = [];
  for (const [guildId, checkpoint] of options.checkpoints ?? []) {
    lastSeq = Math.max(lastSeq, checkpoint.seq ?? 0);
    const saved = guilds.get(guildId);
    // Against a current snapshot, a batch's voice wins when it is newer by sequence, whatever the clock says (it was
    // queued after that file was written: taking the file would announce its changes again, beside the resent batch).
    // Without one, the batch's voice stands alone and must itself be recent enough.
    const newer =
      saved !== undefined
        ? checkpoint.seq !== undefined && saved.seq !== undefined
          ? checkpoint.seq > saved.seq
          : checkpoint.atMs > savedAtMs
        : fresh || Math.abs(now() - checkpoint.atMs) <= MAX_SNAPSHOT_AGE_MS;
    if (!newer) continue;
    guilds.set(guildId, { seq: checkpoint.seq, members: checkpoint.members as SavedVoiceMember[] });
    fromBatches.push(guildId);
  }
  landed = new LandedVoice({
    announced: options.announced,
    now,
    lastSeq,
    onLanded: (guildId) => snapshots.changed(guildId),
  });
  if (fresh || fromBatches.length > 0) {
    const restored: SavedVoice = {};
    const unsaved = new Set(fromBatches);
    for (const [guildId, saved] of guilds) {
      restored[guildId] = saved.members;
      const checkpoint = { guildId, seq: saved.seq ?? 0, atMs: savedAtMs, members: saved.members };
      landed.restore(checkpoint, !unsaved.has(guildId));
    }
    tracker.restore(restored);
  }
  // The files must catch up before those batches leave the outbox (settle saves only changed guilds).
  for (const guildId of fromBatches) snapshots.changed(guildId);
  logger.info(
    { status: loaded.status, ageMs: "ageMs" in loaded ? loaded.ageMs : undefined, fromBatches },
    "voice snapshot from before the restart",
  );
  return { snapshots, landed };
}
