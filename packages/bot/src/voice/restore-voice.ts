import { join } from "node:path";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import { VOICE_SNAPSHOT_DIR, VoiceSnapshotStore } from "./voice-snapshot-store.js";
import type { VoiceTracker } from "./voice-tracker.js";

export interface RestoreVoiceOptions {
  tracker: VoiceTracker;
  /** The outbox directory; the snapshot lives in its VOICE_SNAPSHOT_DIR. */
  outboxDir: string;
  now: () => number;
  logger: Logger;
}

/**
 * Gives the tracker what the process before this one knew of each guild's voice channels (when the snapshot is
 * recent enough), and returns the store that keeps saving it.
 */
export async function restoreVoice(options: RestoreVoiceOptions): Promise<VoiceSnapshotStore> {
  const { tracker, logger } = options;
  const snapshots = new VoiceSnapshotStore({
    dir: join(options.outboxDir, VOICE_SNAPSHOT_DIR),
    now: options.now,
    read: (guildId) => tracker.savedGuild(guildId),
    onError: (error) => logger.warn({ err: errorMessage(error) }, "could not save the voice snapshot"),
  });
  const loaded = await snapshots.load();
  if (loaded.status === "loaded") tracker.restore(loaded.guilds);
  logger.info(
    { status: loaded.status, ageMs: "ageMs" in loaded ? loaded.ageMs : undefined },
    "voice snapshot from before the restart",
  );
  return snapshots;
}
