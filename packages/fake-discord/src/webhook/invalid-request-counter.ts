/**
 * Discord's invalid request limit: an IP that makes 10,000 requests answered 401, 403 or 429 within 10 minutes is
 * banned at Cloudflare for a while; a 429 with `X-RateLimit-Scope: shared` does not count. Source:
 * discord/discord-api-docs developers/topics/rate-limits.mdx, "Invalid Request Limit aka Cloudflare bans".
 * How long the ban lasts is not documented ("temporarily"); the fake bans for `banMs`, by default one window.
 */
export interface InvalidRequestLimit {
  limit: number;
  windowMs: number;
  banMs: number;
}

export const DISCORD_INVALID_REQUEST_LIMIT: InvalidRequestLimit = {
  limit: 10_000,
  windowMs: 10 * 60_000,
  banMs: 10 * 60_000,
};

const COUNTED_STATUSES = new Set([401, 403, 429]);

/** Whether an answer counts against the limit: 401, 403, and 429 unless its scope is `shared`. */
export const isInvalidRequest = (status: number, headers: Record<string, string>): boolean =>
  COUNTED_STATUSES.has(status) && !(status === 429 && headers["x-ratelimit-scope"] === "shared");

/** Counts invalid answers per client IP in a sliding window and says when an IP is banned. Time comes from `now`. */
export class InvalidRequestCounter {
  private readonly seen = new Map<string, number[]>();
  private readonly bannedUntil = new Map<string, number>();

  constructor(
    private readonly config: InvalidRequestLimit,
    private readonly now: () => number,
  ) {}

  /** Milliseconds left of `ip`'s ban, or 0 when it is not banned. */
  banRemainingMs(ip: string): number {
    const until = this.bannedUntil.get(ip);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return left;
    this.bannedUntil.delete(ip);
    return 0;
  }

  /** Notes one answer Discord sent to `ip`; the one that reaches the limit starts the ban. */
  record(ip: string, status: number, headers: Record<string, string>): void {
    if (!isInvalidRequest(status, headers)) return;
    const now = this.now();
    const since = now - this.config.windowMs;
    const times = (this.seen.get(ip) ?? []).filter((t) => t > since);
    times.push(now);
    this.seen.set(ip, times);
    if (times.length >= this.config.limit) {
      this.bannedUntil.set(ip, now + this.config.banMs);
      this.seen.delete(ip);
    }
  }
}
