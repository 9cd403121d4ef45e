import type { Reply } from "./http-io.js";
import type { RateLimitConfig } from "./rate-limiter.js";

/**
 * The per-channel write limit that sits beside the per-webhook bucket: 30 messages per 60 s into one channel, however
 * many webhooks post there. Discord does not publish the numbers; they are community-documented and confirmed by
 * Discord staff in discord/discord-api-docs issue 367 ("the 30/60 was added as a limit to the channel itself") and
 * issue 4043 (after 30 webhook messages the next is a 429 with a ~40 s retry_after while the headers still show the
 * webhook's own bucket; the scope header was added for this). The 429 carries `X-RateLimit-Scope: shared` (a per
 * resource limit, developers/topics/rate-limits.mdx) and JSON code 20028 with the message Discord staff verified in
 * discord/discord-api-docs pull request 8290 (developers/topics/opcodes-and-status-codes.mdx lists 20028).
 */
export const DISCORD_CHANNEL_WRITE_LIMIT: RateLimitConfig = { limit: 30, windowMs: 60_000 };

export const CHANNEL_WRITE_LIMIT_MESSAGE =
  "The write action you are performing on the channel has hit the write rate limit.";

/** A fixed window per channel, opened by its first write; time only comes from `now`. */
export class ChannelWriteLimiter {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(
    private readonly config: RateLimitConfig,
    private readonly now: () => number,
  ) {}

  /** Spends one write on `channelId`, or says how many milliseconds until the channel takes writes again. */
  take(channelId: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.now();
    let window = this.windows.get(channelId);
    if (window === undefined || now >= window.startedAt + this.config.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(channelId, window);
    }
    if (window.used >= this.config.limit)
      return { allowed: false, retryAfterMs: window.startedAt + this.config.windowMs - now };
    window.used += 1;
    return { allowed: true };
  }
}

/**
 * Discord's answer when the channel's write limit is hit: 429 with the webhook bucket's own headers (which do not
 * describe this limit, discord-api-docs issue 4043), `Retry-After` as the override, scope `shared`, code 20028.
 */
export function channelWriteLimitedReply(
  retryAfterMs: number,
  webhookHeaders: Record<string, string>,
): Reply {
  const retryAfter = Number((retryAfterMs / 1000).toFixed(3));
  return {
    status: 429,
    headers: {
      ...webhookHeaders,
      "retry-after": String(Math.ceil(retryAfterMs / 1000)),
      "x-ratelimit-scope": "shared",
    },
    body: { message: CHANNEL_WRITE_LIMIT_MESSAGE, retry_after: retryAfter, global: false, code: 20028 },
  };
}
