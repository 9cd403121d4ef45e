import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import type { GuildVoiceCheckpoint, LandedVoice } from "./landed-voice.js";
import { type QueuedVoiceCheckpoint, restoreVoice } from "./restore-voice.js";
import type { VoiceSnapshotStore } from "./voice-snapshot-store.js";
import type { VoiceTracker } from "./voice-tracker.js";

/**
 * What voice/ needs of the delivery pipeline (delivery/'s DeliveryPipeline, seen from here; structural, so voice/
 * does not import delivery/).
 */
export interface VoiceDelivery {
  /** The newest voice each guild's queued batches carry (decision 0042). */
  voiceCheckpoints(): Map<string, QueuedVoiceCheckpoint>;
  /** Resolves once every event added so far is in a batch file on disk. */
  durable(): Promise<void>;
  connectVoice(voice: {
    voiceOf: (guildId: string) => GuildVoiceCheckpoint | undefined;
    landed: (checkpoint: GuildVoiceCheckpoint) => void;
    settle: (entry: { guildId: string; voice?: { seq?: number | undefined } | undefined }) => Promise<void>;
  }): void;
}

export interface VoiceCheckpointsOptions {
  tracker: VoiceTracker;
  /** Whether a member's join is still held by the dwell time (the announcer's `holds`). */
  holds: (guildId: string, userId: string) => boolean;
  delivery: VoiceDelivery;
  outboxDir: string;
  now: () => number;
  logger: Logger;
}

export interface VoiceCheckpoints {
  snapshots: VoiceSnapshotStore;
  landed: LandedVoice;
  /** A change that needs no batch of its own (or none yet): the snapshot may have it once what came before is on disk. */
  checkpoint(guildId: string): void;
}

/**
 * The voice snapshot restored from before a restart and tied to the delivery pipeline: each batch carries its guild's
 * voice; the snapshot saves only voice whose batches have landed, and a batch leaves the outbox only once the snapshot
 * is saved past it (decisions 0042, 0044).
 */
export async function startVoiceCheckpoints(options: VoiceCheckpointsOptions): Promise<VoiceCheckpoints> {
  const { tracker, holds, delivery, logger } = options;
  const { snapshots, landed } = await restoreVoice({
    tracker,
    // A join still inside DWELL_SECONDS is not announced yet: the snapshot leaves the member out, so a crash before
    // the dwell ends finds the member new after the restart and holds the join again (decision 0044).
    announced: (guildId) =>
      tracker.savedGuild(guildId).filter((member) => !holds(guildId, member.state.userId)),
    outboxDir: options.outboxDir,
    now: options.now,
    logger,
    checkpoints: delivery.voiceCheckpoints(),
  });
  const checkpoint = (guildId: string) => {
    const taken = landed.take(guildId);
    delivery.durable().then(
      () => landed.land(taken),
      (error: unknown) => logger.warn({ guildId, err: errorMessage(error) }, "could not queue voice events"),
    );
  };
  delivery.connectVoice({
    voiceOf: (guildId) => landed.take(guildId),
    landed: (taken) => landed.land(taken),
    settle: async (entry) => {
      // A batch queued before 0044 has no sequence number: save whatever has landed.
      if (entry.voice) await snapshots.settle(entry.guildId, entry.voice.seq ?? Number.POSITIVE_INFINITY);
    },
  });
  return { snapshots, landed, checkpoint };
}
