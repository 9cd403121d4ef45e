import { syncAnswer } from "./sync-answers.js";
import type { ReceivedBatch } from "./verifying-server.js";

/** A fixed window opened by its first message, as fake-discord's WebhookRateLimiter (packages/fake-discord/src/webhook/rate-limiter.ts). */
export interface Bucket {
  limit: number;
  windowMs: number;
}

/** Discord's webhook bucket as fake-discord models it: 5 executions per 2 s per webhook. */
export const WEBHOOK_BUCKET: Bucket = { limit: 5, windowMs: 2_000 };
/** The stricter fake's per-channel bucket of issue 13: 30 messages per 60 s per channel. */
export const CHANNEL_BUCKET: Bucket = { limit: 30, windowMs: 60_000 };

export interface WorkflowStandInOptions {
  now?: () => number;
  /** Each message must fit every bucket (one webhook per guild, one channel per webhook); none when left out. */
  buckets?: Bucket[];
  /**
   * Which webhook a batch posts through, the key of its buckets: Discord limits per webhook and per channel, not per
   * guild. @default its guild (one webhook per server, as with `stepcord:servers`)
   */
  webhookOf?: (batch: ReceivedBatch) => string;
}

/**
 * The EXPRESS workflow as the bot sees it through StartSyncExecution (issue 13's contract,
 * packages/events/src/delivery-outcome.ts): a ledger by batch id (a batch id posted once is answered `duplicate`,
 * never posted again), Discord's buckets per webhook (`webhookOf`; a message that does not fit is `rate-limited` with
 * the wait until the bucket resets, and the claim is given back), `delivered` otherwise. It counts what Discord would
 * show.
 */
export class WorkflowStandIn {
  /** The batches Discord showed, one message each, in order. */
  readonly posted: ReceivedBatch[] = [];
  duplicates = 0;
  rateLimited = 0;
  private readonly ledger = new Set<string>();
  private answersToLose = 0;
  private readonly windows = new Map<string, { startedAt: number; used: number }>();
  private readonly now: () => number;
  private readonly buckets: Bucket[];
  private readonly webhookOf: (batch: ReceivedBatch) => string;

  constructor(options: WorkflowStandInOptions = {}) {
    this.now = options.now ?? Date.now;
    this.buckets = options.buckets ?? [];
    this.webhookOf = options.webhookOf ?? ((batch) => batch.events[0]?.guild.id ?? "");
  }

  /**
   * The one at-least-once boundary (README): Discord accepts the next post but its answer never reaches the workflow
   * (a timeout), so the ledger cannot record the delivery and the execution fails; the bot resends the same batch id
   * and Discord shows it again.
   */
  loseNextAnswer(): void {
    this.answersToLose += 1;
  }

  /** The answer to one verified request: pass as `server.answerWith((b) => standIn.answer(b))`. */
  answer(batch: ReceivedBatch): unknown {
    if (this.ledger.has(batch.batchId)) {
      this.duplicates += 1;
      return syncAnswer.duplicate(batch.batchId);
    }
    const webhook = this.webhookOf(batch);
    const nowMs = this.now();
    let waitMs = 0;
    for (const [i, bucket] of this.buckets.entries()) {
      const w = this.window(`${i}:${webhook}`, bucket, nowMs);
      if (w.used >= bucket.limit) waitMs = Math.max(waitMs, w.startedAt + bucket.windowMs - nowMs);
    }
    if (waitMs > 0) {
      this.rateLimited += 1;
      return syncAnswer.rateLimited(batch.batchId, waitMs / 1000);
    }
    for (const [i, bucket] of this.buckets.entries()) this.window(`${i}:${webhook}`, bucket, nowMs).used += 1;
    this.posted.push(batch);
    if (this.answersToLose > 0) {
      this.answersToLose -= 1;
      return { status: "FAILED", error: "States.Timeout", cause: "Discord's answer did not arrive in time" };
    }
    this.ledger.add(batch.batchId);
    return syncAnswer.delivered(batch.batchId, String(this.posted.length));
  }

  /** Every event shown, as `type:userId`, in order. */
  shown(): string[] {
    return this.posted.flatMap((b) => b.events.map((e) => `${e.type}:${e.user.id}`));
  }

  private window(key: string, bucket: Bucket, nowMs: number): { startedAt: number; used: number } {
    let w = this.windows.get(key);
    if (w === undefined || nowMs >= w.startedAt + bucket.windowMs) {
      w = { startedAt: nowMs, used: 0 };
      this.windows.set(key, w);
    }
    return w;
  }
}

/**
 * The least time `messages` messages take through `buckets` (fixed windows opened by the first message): the floor a
 * delivery can reach, for the bench's ratio.
 */
export function deliveryFloorMs(messages: number, buckets: Bucket[]): number {
  // Simulate: each message goes at the earliest time every bucket allows.
  const windows = buckets.map(() => ({ startedAt: Number.NEGATIVE_INFINITY, used: 0 }));
  let t = 0;
  for (let m = 0; m < messages; m++) {
    for (;;) {
      let wait = 0;
      for (const [i, b] of buckets.entries()) {
        const w = windows[i] as { startedAt: number; used: number };
        if (t >= w.startedAt + b.windowMs) continue;
        if (w.used >= b.limit) wait = Math.max(wait, w.startedAt + b.windowMs - t);
      }
      if (wait === 0) break;
      t += wait;
    }
    for (const [i, b] of buckets.entries()) {
      const w = windows[i] as { startedAt: number; used: number };
      if (t >= w.startedAt + b.windowMs) {
        w.startedAt = t;
        w.used = 0;
      }
      w.used += 1;
    }
  }
  return t;
}
