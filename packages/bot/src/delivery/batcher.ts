import {
  createVoiceEventBatch,
  MAX_EVENTS_PER_BATCH,
  type VoiceEventBatch,
  type VoiceEventInput,
} from "@stepcord/events";

/** Coalesces events within a window into batches of at most MAX_EVENTS_PER_BATCH. */
export class Batcher {
  private pending: VoiceEventInput[] = [];
  /** Cancels the pending flush; undefined when none is scheduled. */
  private cancelScheduled: (() => void) | undefined;
  private readonly windowMs: number;
  private readonly sink: (batches: VoiceEventBatch[]) => Promise<void>;
  private readonly quiet: () => boolean;

  constructor(windowMs: number, quiet: () => boolean, sink: (batches: VoiceEventBatch[]) => Promise<void>) {
    this.windowMs = windowMs;
    this.quiet = quiet;
    this.sink = sink;
  }

  get size(): number {
    return this.pending.length;
  }

  add(event: VoiceEventInput): void {
    this.pending.push(event);
    if (this.cancelScheduled !== undefined) return;
    // A 0 ms window flushes on the next turn of the event loop (setTimeout would wait at least 1 ms).
    if (this.windowMs === 0) {
      const immediate = setImmediate(() => void this.flush());
      this.cancelScheduled = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(() => void this.flush(), this.windowMs);
      this.cancelScheduled = () => clearTimeout(timer);
    }
  }

  async flush(): Promise<void> {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
    const events = this.pending;
    this.pending = [];
    if (events.length === 0) return;
    const quiet = this.quiet();
    const batches: VoiceEventBatch[] = [];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_BATCH) {
      batches.push(createVoiceEventBatch({ events: events.slice(i, i + MAX_EVENTS_PER_BATCH), quiet }));
    }
    await this.sink(batches);
  }
}
