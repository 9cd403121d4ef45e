import { IDENTIFY_WINDOW_MS, rateLimitKey, SESSION_START_RESET_MS } from "./gateway-protocol.js";

/** What an IDENTIFY that passed every other check meets at the limits. */
export type IdentifyAdmission = "start" | "concurrency" | "exhausted";

/**
 * The two identify limits of gateway.mdx: the daily `session_start_limit` ("Session Start Limit Object";
 * "Identifying": 1000 a day, RESUME not counted) and `max_concurrency` identifies per 5 s per
 * `shard_id % max_concurrency` bucket ("Max Concurrency"; "Rate Limiting": over it, op 9).
 */
export class IdentifyLimits {
  private readonly lastIdentifyAt = new Map<number, number>();
  private remaining: number;
  private readonly windowStart: number;

  constructor(
    private readonly total: number,
    private readonly maxConcurrency: number,
    private readonly now: () => number = Date.now,
  ) {
    this.remaining = total;
    this.windowStart = now();
  }

  /** Spends one session start if the IDENTIFY may start a session. */
  admit(shardId: number): IdentifyAdmission {
    const key = rateLimitKey(shardId, this.maxConcurrency);
    const now = this.now();
    const last = this.lastIdentifyAt.get(key);
    if (last !== undefined && now - last < IDENTIFY_WINDOW_MS) return "concurrency";
    if (this.remaining <= 0) return "exhausted";
    this.remaining -= 1;
    this.lastIdentifyAt.set(key, now);
    return "start";
  }

  /** gateway.mdx, "Session Start Limit Structure". */
  snapshot() {
    return {
      total: this.total,
      remaining: this.remaining,
      reset_after: Math.max(0, SESSION_START_RESET_MS - (this.now() - this.windowStart)),
      max_concurrency: this.maxConcurrency,
    };
  }
}
