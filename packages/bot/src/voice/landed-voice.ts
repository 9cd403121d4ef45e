import type { SavedVoiceMember } from "./voice-tracker.js";

/**
 * A guild's voice as one moment knew it: who was in voice, taken at a point in a sequence that only grows (also across
 * restarts), and when on the wall clock (for the snapshot's age only).
 */
export interface GuildVoiceCheckpoint {
  guildId: string;
  /** Orders checkpoints; never the wall clock, which can step back (decision 0044). */
  seq: number;
  /** Wall time it was taken: how old it is after a restart. */
  atMs: number;
  members: SavedVoiceMember[];
}

export interface LandedVoiceOptions {
  /**
   * A guild's announced voice now: the tracker's, less the members whose join is still held by the dwell time (they
   * are not announced yet; a snapshot holding them would hide the join after a crash).
   */
  announced: (guildId: string) => SavedVoiceMember[];
  /** The wall clock, for `atMs`. */
  now: () => number;
  /** Every checkpoint from here on is numbered above this (the highest found on disk). */
  lastSeq: number;
  /** A guild's landed voice moved on: the snapshot store saves it. */
  onLanded: (guildId: string) => void;
}

/**
 * What the voice snapshot may save of each guild: its newest checkpoint whose changes are all on disk, in batch files
 * or needing none (decision 0044). A checkpoint is taken right after a change (`take`) and lands once every event so
 * far is in a batch file (`land`); a batch carries the one taken when it was queued and lands with its file, after the
 * guild's earlier batches (the outbox writes a guild's batches in order). So a saved snapshot never has a change whose
 * batch a SIGKILL could still lose.
 */
export class LandedVoice {
  private seq: number;
  /** Per guild, the newest landed checkpoint's number. */
  private readonly landedSeq = new Map<string, number>();
  /**
   * Per guild, the newest landed checkpoint while its file is not saved yet. Dropped once saved: kept, it would hold
   * a copy of every guild's members (3.7 KB a guild with 50 in voice, 8% of the bot's heap per guild).
   */
  private readonly unsaved = new Map<string, GuildVoiceCheckpoint>();

  constructor(private readonly options: LandedVoiceOptions) {
    this.seq = options.lastSeq;
  }

  /** The guild's announced voice now, numbered after every checkpoint taken before. */
  take(guildId: string): GuildVoiceCheckpoint {
    this.seq += 1;
    return { guildId, seq: this.seq, atMs: this.options.now(), members: this.options.announced(guildId) };
  }

  /** Every change up to this checkpoint is on disk: the guild's snapshot may move up to it (never back). */
  land(checkpoint: GuildVoiceCheckpoint): void {
    const { guildId } = checkpoint;
    if (checkpoint.seq <= (this.landedSeq.get(guildId) ?? Number.NEGATIVE_INFINITY)) return;
    this.landedSeq.set(guildId, checkpoint.seq);
    this.unsaved.set(guildId, checkpoint);
    this.options.onLanded(guildId);
  }

  /**
   * What the process before this one left of a guild: its snapshot file (`saved`), or a queued batch's voice newer
   * than that file, which the snapshot must still catch up to.
   */
  restore(checkpoint: GuildVoiceCheckpoint, saved: boolean): void {
    this.landedSeq.set(checkpoint.guildId, checkpoint.seq);
    if (saved) this.unsaved.delete(checkpoint.guildId);
    else this.unsaved.set(checkpoint.guildId, checkpoint);
  }

  /** The guild's newest landed checkpoint not saved yet, if any: what its snapshot file should hold next. */
  of(guildId: string): GuildVoiceCheckpoint | undefined {
    return this.unsaved.get(guildId);
  }

  /** The guild's file now holds checkpoint `seq`. */
  saved(guildId: string, seq: number): void {
    if (this.unsaved.get(guildId)?.seq === seq) this.unsaved.delete(guildId);
  }
}
