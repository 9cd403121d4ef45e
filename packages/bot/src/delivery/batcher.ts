import {
  createVoiceEventBatch,
  MAX_EVENTS_PER_BATCH,
  type VoiceEventBatch,
  type VoiceEventInput,
} from "@stepcord/events";

export interface BatcherOptions {
  /** How long events coalesce before a flush; 0 flushes on the next turn of the event loop. */
  windowMs: number;
  /** Whether a guild's batch goes out silently (its quiet hours), asked once per guild at each flush. */
  quietFor: (guildId: string) => boolean;
  /** Receives each flush's batches, to queue them durably. */
  sink: (batches: VoiceEventBatch[]) => Promise<void>;
}

/**
 * Coalesces events within a window into batches of at most MAX_EVENTS_PER_BATCH, one guild per batch: a batch never
 * mixes guilds, so each carries its own guild's quiet flag and can go to that guild's channel.
 */
export class Batcher {
  /** Events waiting for the flush, by guild, in the order their guilds first spoke. */
  private pending = new Map<string, VoiceEventInput[]>();
  private count = 0;
  /** Cancels the pending flush; undefined when none is scheduled. */
  private cancelScheduled: (() => void) | undefined;
  private readonly o: BatcherOptions;

  constructor(options: BatcherOptions) {
    this.o = options;
  }

  get size(): number {
    return this.count;
  }

  add(event: VoiceEventInput): void {
    const guildEvents = this.pending.get(event.guild.id);
    if (guildEvents) guildEvents.push(event);
    else this.pending.set(event.guild.id, [event]);
    this.count += 1;
    if (this.cancelScheduled !== undefined) return;
    // A 0 ms window flushes on the next turn of the event loop (setTimeout would wait at least 1 ms).
    if (this.o.windowMs === 0) {
      const immediate = setImmediate(() => void this.flush());
      this.cancelScheduled = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => void this.flush(), this.o.windowMs);
      this.cancelScheduled = () => clearTimeout(timer);
    }
  }

  async flush(): Promise<void> {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    const byGuild = this.pending;
    this.pending = new Map();
    this.count = 0;
    if (byGuild.size === 0) return;
    const batches: VoiceEventBatch[] = [];
    for (const [guildId, events] of byGuild) {
      const quiet = this.o.quietFor(guildId);
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH)
        batches.push(createVoiceEventBatch({ events: events.slice(i, i + MAX_EVENTS_PER_BATCH), quiet }));
    }
    await this.o.sink(batches);
  }
}
