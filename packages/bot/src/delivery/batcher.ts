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
  /**
   * The lane an event travels in: events of one lane may share a batch, of two never. It must separate guilds; with
   * per-server destinations it is guild and destination (`Destinations.laneOf`). @default the event's guild id
   */
  laneOf?: ((event: VoiceEventInput) => string) | undefined;
}

/**
 * Coalesces events within a window into batches of at most MAX_EVENTS_PER_BATCH, one lane per batch: a batch never
 * mixes guilds nor destinations, so each carries its own guild's quiet flag and goes to one channel.
 */
export class Batcher {
  /** Events waiting for the flush, by lane, in the order their lanes first spoke. */
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
    const lane = this.o.laneOf?.(event) ?? event.guild.id;
    const laneEvents = this.pending.get(lane);
    if (laneEvents) laneEvents.push(event);
    else this.pending.set(lane, [event]);
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
    const byLane = this.pending;
    this.pending = new Map();
    this.count = 0;
    if (byLane.size === 0) return;
    const batches: VoiceEventBatch[] = [];
    for (const events of byLane.values()) {
      const quiet = this.o.quietFor(events[0]?.guild.id ?? "");
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH)
        batches.push(createVoiceEventBatch({ events: events.slice(i, i + MAX_EVENTS_PER_BATCH), quiet }));
    }
    await this.o.sink(batches);
  }
}
