import type { Reply } from "./http-io.js";

/**
 * What a client gets while Cloudflare, in front of Discord's API, has banned its IP: HTTP 429 with a text/plain body,
 * a `Retry-After` header and none of Discord's `X-RateLimit-*` headers or JSON, because Discord never sees the
 * request. Sources: discord/discord-api-docs developers/topics/rate-limits.mdx ("Invalid Request Limit aka
 * Cloudflare bans": such IPs "are automatically and temporarily restricted from accessing the Discord API");
 * Cloudflare's error 1015 "You are being rate limited", which carries `Retry-After` (cloudflare/cloudflare-docs
 * pull request 29000). The exact body text is Cloudflare's short form, not documented by Discord.
 */
export function cloudflareBanReply(retryAfterSeconds: number): Reply {
  return {
    status: 429,
    headers: {
      "content-type": "text/plain; charset=UTF-8",
      "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))),
    },
    body: "error code: 1015",
  };
}
