import { createHash } from "node:crypto";

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

/** Discord's webhook bucket as observed: 5 executions per 2 seconds per webhook. */
export const DISCORD_WEBHOOK_RATE_LIMIT: RateLimitConfig = { limit: 5, windowMs: 2000 };

export type RateLimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; retryAfterSeconds: number; headers: Record<string, string> };

interface Window {
  startedAt: number;
  used: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * A fixed window that opens at the first request and resets `windowMs` later, which is how
 * Discord's `X-RateLimit-Reset-After` behaves for a webhook bucket. Time only comes from `now`,
 * so tests advance a fake clock instead of sleeping.
 */
export class WebhookRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number,
  ) {}

  /** Consumes one request from `key`'s bucket, or says how long to wait. */
  take(key: string): RateLimitDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now >= window.startedAt + this.config.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(key, window);
    }
    const resetAt = window.startedAt + this.config.windowMs;
    const resetAfterMs = resetAt - now;
    if (window.used >= this.config.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Number(seconds(resetAfterMs)),
        headers: {
          ...this.headers(key, 0, resetAt, resetAfterMs),
          "retry-after": String(Math.ceil(resetAfterMs / 1000)),
          "x-ratelimit-scope": "user",
        },
      };
    }
    window.used += 1;
    return {
      allowed: true,
      headers: this.headers(key, this.config.limit - window.used, resetAt, resetAfterMs),
    };
  }

  private headers(
    key: string,
    remaining: number,
    resetAt: number,
    resetAfterMs: number,
  ): Record<string, string> {
    return {
      "x-ratelimit-limit": String(this.config.limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": seconds(resetAt),
      "x-ratelimit-reset-after": seconds(resetAfterMs),
      // Discord's bucket ids are opaque hashes that never reveal the route's major parameters.
      "x-ratelimit-bucket": createHash("sha256").update(`webhook:${key}`).digest("hex").slice(0, 32),
    };
  }
}
