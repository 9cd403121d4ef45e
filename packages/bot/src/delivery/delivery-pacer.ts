import type { DeliveryOutcome, RetryReason } from "./delivery-outcome.js";

/** The rate-limit key of a batch when none is given: one webhook for every lane (a stack without a server directory). */
export const DEFAULT_DESTINATION = "default";
/** The first retry of a lane waits up to this long (full jitter), doubling per failure in a row. */
export const DEFAULT_BASE_DELAY_MS = 250;
/** The longest wait between retries of one lane, and of the endpoint. */
export const DEFAULT_MAX_DELAY_MS = 30_000;
/**
 * The longest wait after 429s that name no wait (a Cloudflare ban): Discord's invalid-request limit counts 401, 403
 * and 429 answers over 10 minutes (discord/discord-api-docs developers/topics/rate-limits.mdx, formerly
 * docs/topics/Rate_Limits.md, "Invalid Request Limit aka Cloudflare bans"), so a probe per window at most.
 */
export const MAX_GUESSED_RATE_LIMIT_WAIT_MS = 600_000;

/**
 * Failures that are the endpoint's, not one batch's: API Gateway answered 5xx, 429 or 403 (signing), or nothing came
 * back. They hold every lane, so an outage is probed at one pace however many lanes have batches waiting.
 * `workflow-failed` and `unreadable-answer` are the batch's execution: they hold that lane only.
 */
const ENDPOINT_FAILURES: ReadonlySet<RetryReason> = new Set<RetryReason>([
  "throttled",
  "signing",
  "server",
  "unexpected-status",
  "no-answer",
]);

export interface DeliveryPacerOptions {
  /**
   * The rate-limit key (webhook) of a lane (a guild and its destination, `Destinations.laneOf`): lanes with the same
   * key share Discord's buckets.
   */
  destinationOf: (lane: string) => string;
  /** In [0, 1): the jitter. */
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A wait's state: failures in a row, and not before when the next request it holds may go. */
interface Wait {
  failures: number;
  notBeforeMs: number;
}

/**
 * When each lane's next batch may go, from the outcomes so far (pure: the caller passes the time). A lane is a guild
 * and its destination; its batches go in order, other lanes' beside them.
 * - A `retry` backs off that lane (capped exponential, full jitter), so a batch that keeps failing does not hold
 *   the others; an endpoint failure also backs off every lane (its own count, reset by any answer that tells).
 * - A Discord 429 holds every lane of the same webhook (they share its buckets, and each 429 more counts toward the
 *   invalid-request limit) for Discord's wait; a `global` one holds every lane (Discord's global limit is not a
 *   route's); a 429 that names no wait is waited out from DEFAULT_RETRY_AFTER_MS, doubling per such 429 in a row.
 * - An in-flight claim holds its lane only: it concerns one batch.
 */
export class DeliveryPacer {
  private readonly o: DeliveryPacerOptions;
  private readonly lanes = new Map<string, Wait>();
  private readonly destinations = new Map<string, Wait>();
  private readonly endpoint: Wait = { failures: 0, notBeforeMs: Number.NEGATIVE_INFINITY };
  /** Discord's global rate limit: every destination waits. */
  private readonly global: Wait = { failures: 0, notBeforeMs: Number.NEGATIVE_INFINITY };

  constructor(options: DeliveryPacerOptions) {
    this.o = options;
  }

  /** The earliest time a batch of this lane may be sent. */
  notBefore(lane: string): number {
    return Math.max(
      this.endpoint.notBeforeMs,
      this.global.notBeforeMs,
      this.lanes.get(lane)?.notBeforeMs ?? Number.NEGATIVE_INFINITY,
      this.destinations.get(this.o.destinationOf(lane))?.notBeforeMs ?? Number.NEGATIVE_INFINITY,
    );
  }

  /**
   * Records a lane's outcome at `nowMs` and returns the wait it sets and whom it holds (for the log), if any.
   */
  record(
    laneId: string,
    outcome: DeliveryOutcome,
    nowMs: number,
  ): { waitMs: number; holds: "lane" | "destination" | "every destination" | "endpoint" } | undefined {
    if (outcome.action === "retry") return this.failed(laneId, outcome.why, nowMs);
    this.endpoint.failures = 0; // the endpoint answered with an outcome
    if (outcome.action === "wait" && outcome.why === "rate-limited") {
      const destination = this.o.destinationOf(laneId);
      const lane = this.wait(this.destinations, destination);
      let waitMs = outcome.retryAfterMs;
      if (outcome.retryAfterGuessed === true) {
        // Never shorter than the guess, doubling, with up to half again as jitter so tasks sharing it spread out.
        const floorMs = Math.min(MAX_GUESSED_RATE_LIMIT_WAIT_MS, outcome.retryAfterMs * 2 ** lane.failures);
        lane.failures += 1;
        waitMs = floorMs + Math.floor(this.o.random() * (floorMs / 2));
      } else lane.failures = 0;
      lane.notBeforeMs = Math.max(lane.notBeforeMs, nowMs + waitMs);
      if (outcome.global !== true) return { waitMs, holds: "destination" };
      // Discord's global limit counts every request of this client (per IP for webhooks), whatever the webhook.
      this.global.notBeforeMs = Math.max(this.global.notBeforeMs, nowMs + waitMs);
      return { waitMs, holds: "every destination" };
    }
    if (outcome.action === "wait") {
      this.wait(this.lanes, laneId).notBeforeMs = nowMs + outcome.retryAfterMs;
      return { waitMs: outcome.retryAfterMs, holds: "lane" };
    }
    // Delivered, parked or rejected: the lane's next batch may go now.
    this.lanes.delete(laneId);
    const destination = this.destinations.get(this.o.destinationOf(laneId));
    // Discord took a post through it: a later 429 without a wait is guessed from the start again.
    if (outcome.action === "delivered" && destination !== undefined) destination.failures = 0;
    return undefined;
  }

  private failed(
    laneId: string,
    why: RetryReason,
    nowMs: number,
  ): { waitMs: number; holds: "lane" | "endpoint" } {
    const lane = this.wait(this.lanes, laneId);
    const laneWaitMs = this.backoffMs(lane.failures);
    lane.failures += 1;
    lane.notBeforeMs = nowMs + laneWaitMs;
    if (!ENDPOINT_FAILURES.has(why)) return { waitMs: laneWaitMs, holds: "lane" };
    const endpointWaitMs = this.backoffMs(this.endpoint.failures);
    this.endpoint.failures += 1;
    this.endpoint.notBeforeMs = nowMs + endpointWaitMs;
    return { waitMs: endpointWaitMs, holds: "endpoint" };
  }

  /** Full jitter over a cap that doubles per failure in a row (AWS Architecture Blog, "Exponential Backoff And Jitter"). */
  private backoffMs(failuresBefore: number): number {
    const capMs = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** failuresBefore);
    return Math.floor(this.o.random() * capMs);
  }

  private wait(waits: Map<string, Wait>, key: string): Wait {
    let wait = waits.get(key);
    if (wait === undefined) {
      wait = { failures: 0, notBeforeMs: Number.NEGATIVE_INFINITY };
      waits.set(key, wait);
    }
    return wait;
  }
}
