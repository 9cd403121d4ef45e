import type { DeliveryOutcome, RetryReason } from "./delivery-outcome.js";

/** Every guild posts through the deployment's one webhook today, so every guild has this destination. */
export const DEFAULT_DESTINATION = "default";
/** The first retry of a guild waits up to this long (full jitter), doubling per failure in a row. */
export const DEFAULT_BASE_DELAY_MS = 250;
/** The longest wait between retries of one guild, and of the endpoint. */
export const DEFAULT_MAX_DELAY_MS = 30_000;
/**
 * The longest wait after 429s that name no wait (a Cloudflare ban): Discord's invalid-request limit counts 401, 403
 * and 429 answers over 10 minutes (discord/discord-api-docs developers/topics/rate-limits.mdx, formerly
 * docs/topics/Rate_Limits.md, "Invalid Request Limit aka Cloudflare bans"), so a probe per window at most.
 */
export const MAX_GUESSED_RATE_LIMIT_WAIT_MS = 600_000;

/**
 * Failures that are the endpoint's, not one batch's: API Gateway answered 5xx, 429 or 403 (signing), or nothing came
 * back. They hold every guild, so an outage is probed at one pace however many guilds have batches waiting.
 * `workflow-failed` and `unreadable-answer` are the batch's execution: they hold that guild only.
 */
const ENDPOINT_FAILURES: ReadonlySet<RetryReason> = new Set<RetryReason>([
  "throttled",
  "signing",
  "server",
  "unexpected-status",
  "no-answer",
]);

export interface DeliveryPacerOptions {
  /** The destination (webhook) a guild's messages go through: guilds with the same key share Discord's buckets. */
  destinationOf: (guildId: string) => string;
  /** In [0, 1): the jitter. */
  random: () => number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A lane's state: failures in a row, and not before when its next request may go. */
interface Lane {
  failures: number;
  notBeforeMs: number;
}

/**
 * When each guild's next batch may go, from the outcomes so far (pure: the caller passes the time).
 * - A `retry` backs off that guild (capped exponential, full jitter), so a batch that keeps failing does not hold
 *   the others; an endpoint failure also backs off every guild (its own count, reset by any answer that tells).
 * - A Discord 429 holds every guild of the same destination (they share the webhook's buckets, and each 429 more
 *   counts toward the invalid-request limit) for Discord's wait; a 429 that names none is waited out from
 *   DEFAULT_RETRY_AFTER_MS, doubling per such 429 in a row, never shorter.
 * - A 429 Discord calls global (`"global": true`) holds every guild of every destination: the global limit counts all
 *   of the caller's requests (webhooks carry no Authorization header, so per IP), not one webhook's
 *   (discord/discord-api-docs developers/topics/rate-limits.mdx, "Global Rate Limit").
 * - An in-flight claim holds its guild only: it concerns one batch.
 */
export class DeliveryPacer {
  private readonly o: DeliveryPacerOptions;
  private readonly guilds = new Map<string, Lane>();
  private readonly destinations = new Map<string, Lane>();
  private readonly endpoint: Lane = { failures: 0, notBeforeMs: Number.NEGATIVE_INFINITY };
  /** Discord's global rate limit: not before then for any destination. */
  private globalNotBeforeMs = Number.NEGATIVE_INFINITY;

  constructor(options: DeliveryPacerOptions) {
    this.o = options;
  }

  /** The earliest time a batch of this guild may be sent. */
  notBefore(guildId: string): number {
    return Math.max(
      this.endpoint.notBeforeMs,
      this.globalNotBeforeMs,
      this.guilds.get(guildId)?.notBeforeMs ?? Number.NEGATIVE_INFINITY,
      this.destinations.get(this.o.destinationOf(guildId))?.notBeforeMs ?? Number.NEGATIVE_INFINITY,
    );
  }

  /**
   * Records a guild's outcome at `nowMs` and returns the wait it sets and whom it holds (for the log), if any.
   */
  record(
    guildId: string,
    outcome: DeliveryOutcome,
    nowMs: number,
  ): { waitMs: number; holds: "guild" | "destination" | "global" | "endpoint" } | undefined {
    if (outcome.action === "retry") return this.failed(guildId, outcome.why, nowMs);
    this.endpoint.failures = 0; // the endpoint answered with an outcome
    if (outcome.action === "wait" && outcome.why === "rate-limited") {
      const destination = this.o.destinationOf(guildId);
      const lane = this.lane(this.destinations, destination);
      let waitMs = outcome.retryAfterMs;
      if (outcome.retryAfterGuessed === true) {
        // Never shorter than the guess, doubling, with up to half again as jitter so tasks sharing it spread out.
        const floorMs = Math.min(MAX_GUESSED_RATE_LIMIT_WAIT_MS, outcome.retryAfterMs * 2 ** lane.failures);
        lane.failures += 1;
        waitMs = floorMs + Math.floor(this.o.random() * (floorMs / 2));
      } else lane.failures = 0;
      lane.notBeforeMs = Math.max(lane.notBeforeMs, nowMs + waitMs);
      if (outcome.global !== true) return { waitMs, holds: "destination" };
      this.globalNotBeforeMs = Math.max(this.globalNotBeforeMs, nowMs + waitMs);
      return { waitMs, holds: "global" };
    }
    if (outcome.action === "wait") {
      this.lane(this.guilds, guildId).notBeforeMs = nowMs + outcome.retryAfterMs;
      return { waitMs: outcome.retryAfterMs, holds: "guild" };
    }
    // Delivered, parked or rejected: the guild's next batch may go now.
    this.guilds.delete(guildId);
    const destination = this.destinations.get(this.o.destinationOf(guildId));
    // Discord took a post through it: a later 429 without a wait is guessed from the start again.
    if (outcome.action === "delivered" && destination !== undefined) destination.failures = 0;
    return undefined;
  }

  private failed(
    guildId: string,
    why: RetryReason,
    nowMs: number,
  ): { waitMs: number; holds: "guild" | "endpoint" } {
    const guild = this.lane(this.guilds, guildId);
    const guildWaitMs = this.backoffMs(guild.failures);
    guild.failures += 1;
    guild.notBeforeMs = nowMs + guildWaitMs;
    if (!ENDPOINT_FAILURES.has(why)) return { waitMs: guildWaitMs, holds: "guild" };
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

  private lane(lanes: Map<string, Lane>, key: string): Lane {
    let lane = lanes.get(key);
    if (lane === undefined) {
      lane = { failures: 0, notBeforeMs: Number.NEGATIVE_INFINITY };
      lanes.set(key, lane);
    }
    return lane;
  }
}
