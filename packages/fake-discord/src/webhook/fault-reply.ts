import { cloudflareBanReply } from "./cloudflare-ban.js";
import type { Reply } from "./http-io.js";
import type { StatusFault } from "./types.js";

const DEFAULT_MESSAGES: Record<number, string> = {
  400: "400: Bad Request",
  401: "401: Unauthorized",
  403: "Missing Access",
  404: "Unknown Webhook",
  429: "You are being rate limited.",
  500: "500: Internal Server Error",
  502: "502: Bad Gateway",
  503: "503: Service Unavailable",
};

/**
 * Turns an injected fault into the response Discord (or Cloudflare in front of it) would send,
 * so clients' retry paths can be exercised without provoking the real condition.
 */
export function faultReply(fault: StatusFault, nowMs: number): Reply {
  if (fault.status === 429 && fault.cloudflare === true)
    return cloudflareBanReply(fault.retryAfterSeconds ?? 1);
  if (fault.status === 429) {
    const retryAfter = fault.retryAfterSeconds ?? 1;
    const body: Record<string, unknown> = {
      message: fault.message ?? DEFAULT_MESSAGES[429],
      retry_after: retryAfter,
      global: fault.global ?? false,
    };
    if (fault.code !== undefined) body.code = fault.code;
    if (fault.noHeaders === true) return { status: 429, headers: {}, body };
    const headers: Record<string, string> = {
      "retry-after": String(Math.ceil(retryAfter)),
      "x-ratelimit-scope": fault.global === true ? "global" : "user",
    };
    if (fault.global === true) headers["x-ratelimit-global"] = "true";
    else {
      headers["x-ratelimit-limit"] = "5";
      headers["x-ratelimit-remaining"] = "0";
      headers["x-ratelimit-reset"] = ((nowMs + retryAfter * 1000) / 1000).toFixed(3);
      headers["x-ratelimit-reset-after"] = retryAfter.toFixed(3);
    }
    return { status: 429, headers, body };
  }
  const code = fault.code ?? (fault.status === 404 ? 10015 : 0);
  const message = fault.message ?? DEFAULT_MESSAGES[fault.status] ?? `${fault.status}: Error`;
  return { status: fault.status, headers: {}, body: { message, code } };
}
