import { join } from "node:path";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import { MAX_SNAPSHOT_AGE_MS, VOICE_SNAPSHOT_DIR, VoiceSnapshotStore } from "./voice-snapshot-store.js";
import type { SavedVoice, SavedVoiceMember, VoiceTracker } from "./voice-tracker.js";

/** A guild's voice as a queued batch carries it (the outbox's VoiceCheckpoint, seen from voice/). */
export interface GuildVoiceCheckpoint {
  atMs: number;
  members: unknown[];
}

export interface RestoreVoiceOptions {
  tracker: VoiceTracker;
  /** The outbox directory; the snapshot lives in its VOICE_SNAPSHOT_DIR. */
  outboxDir: string;
  now: () => number;
  logger: Logger;
  /**
   * The newest voice each guild's queued batches carry: newer than the saved snapshot when the process died after
   * queuing a change and before saving it, and then it wins (decision 0042).
   */
  checkpoints?: Map<string, GuildVoiceCheckpoint>;
  /** Awaited before each save: the changes' batches reach the outbox first. */
  beforeSave?: () => Promise<void>;
}

/**
 * Gives the tracker what the process before this one knew of each guild's voice channels (when the snapshot is
 * recent enough), brought up to date by the voice its queued batches carry, and returns the store that keeps saving it.
 */
export async function restoreVoice(options: RestoreVoiceOptions): Promise<VoiceSnapshotStore> {
  const { tracker, logger, now } = options;
  const snapshots = new VoiceSnapshotStore({
    dir: join(options.outboxDir, VOICE_SNAPSHOT_DIR),
    now,
    read: (guildId) => tracker.savedGuild(guildId),
    onError: (error) => logger.warn({ err: errorMessage(error) }, "could not save the voice snapshot"),
    ...(options.beforeSave ? { beforeSave: options.beforeSave } : {}),
  });
  const loaded = await snapshots.load();
  const guilds: SavedVoice = loaded.status === "loaded" ? { ...loaded.guilds } : {};
  const savedAtMs = loaded.status === "loaded" ? now() - loaded.ageMs : Number.NEGATIVE_INFINITY;
  const fromBatches: string[] = [];
  for (const [guildId, checkpoint] of options.checkpoints ?? []) {
    const ageMs = now() - checkpoint.atMs;
    if (checkpoint.atMs <= savedAtMs || ageMs > MAX_SNAPSHOT_AGE_MS || ageMs < 0) continue;
    guilds[guildId] = checkpoint.members as SavedVoiceMember[];
    fromBatches.push(guildId);
  }
  if (loaded.status === "loaded" || fromBatches.length > 0) tracker.restore(guilds);
  // The files must catch up before those batches leave the outbox (settle saves only changed guilds).
  for (const guildId of fromBatches) snapshots.changed(guildId);
  logger.info(
    { status: loaded.status, ageMs: "ageMs" in loaded ? loaded.ageMs : undefined, fromBatches },
    "voice snapshot from before the restart",
  );
  return snapshots;
}
