import {
  createVoiceEventBatch,
  MAX_EVENTS_PER_BATCH,
  type VoiceEventBatch,
  type VoiceEventInput,
} from "@stepcord/events";

/** Coalesces events within a window into batches of at most MAX_EVENTS_PER_BATCH. */
export class Batcher {
  private pending: VoiceEventInput[] = [];
  private timer: NodeJS.Timeout | undefined;
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
    this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
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
