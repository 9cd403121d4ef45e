import { parseDeliveryOutcome } from "@stepcord/events";

/**
 * What the deliverer does with a batch after the endpoint answered (or did not): a pure decision on the status code
 * and, for a 2xx, the body.
 *
 * - `delivered`: the message is in Discord (or, on a STANDARD stack, the workflow started): forget the batch.
 * - `wait`: keep the batch and ask again after `retryAfterMs`: a rate limit holds every guild posting through the same
 *   webhook (they share its buckets), an in-flight claim that guild only (DeliveryPacer). `posted: false` says the
 *   message is certainly not in Discord (Discord answered 429 and the workflow gave the claim back), so the batch may
 *   absorb later ones of its guild; `posted: "unknown"` (another execution holds the claim) means it must be resent
 *   unchanged, with the same batch id. `retryAfterGuessed`: Discord named no wait (a Cloudflare 429); `global`: the
 *   429 was Discord's global limit, which holds every destination.
 * - `retry`: keep it at the head of its guild's queue and try again after that guild's backoff; nothing of its guild
 *   goes first, so order holds through an outage, and other guilds go on meanwhile. Its outcome is unknown, so it is
 *   resent unchanged.
 * - `reject`: the endpoint refused this batch for good; park it in `outbox/rejected/` for a human and go on with the
 *   next one, so one bad batch cannot block the queue.
 * - `park`: the guild's webhook is gone (Discord 404/401 or an open circuit): keep it in `outbox/parked/` with the
 *   cause until the webhook is fixed and `redeliver` puts it back.
 */
export type DeliveryOutcome =
  | { action: "delivered"; how: "delivered" | "duplicate" | "started" }
  | {
      action: "wait";
      why: "rate-limited" | "in-flight";
      retryAfterMs: number;
      posted: false | "unknown";
      retryAfterGuessed?: true;
      /** Discord's global limit (all of this caller's requests): every destination waits, not only this one. */
      global?: true;
    }
  | { action: "retry"; why: RetryReason; cause?: string }
  | { action: "reject"; why: "refused"; cause?: string }
  | { action: "park"; why: "webhook-gone"; code: number | null; cause: string };

export type RetryReason =
  | "throttled"
  | "signing"
  | "server"
  | "unexpected-status"
  | "no-answer"
  | "workflow-failed"
  | "unreadable-answer";

/** 403 Forbidden: API Gateway's answer to a request its AWS_IAM authorization refused. */
export const HTTP_FORBIDDEN = 403;
/** 429 Too Many Requests: API Gateway's throttling (stage or account limits). */
export const HTTP_TOO_MANY_REQUESTS = 429;

const isBetween = (status: number, low: number, high: number) => status >= low && status <= high;

/**
 * Classifies an HTTP answer. Most 4xx say the batch itself is wrong (400 a body the route's validation refused, 413
 * too large), which no retry can fix: reject. Two 4xx are not about the batch:
 * - 429 is throttling: the same batch succeeds later.
 * - 403 is the signer's problem, not the batch's: with AWS_IAM authorization API Gateway answers 403 to an expired
 *   signature (clock skew), an expired session token, a signature mismatch, or "not authorized to perform
 *   execute-api:Invoke" while a new grant propagates
 *   (https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden). Rejecting would park every batch of
 *   the outage for good; retrying delivers them once the credentials or the clock are fixed.
 * 5xx and anything else unexpected (a 3xx from a proxy) is retried.
 *
 * A 2xx is read by its body (`classifyBody`): an EXPRESS stack answers with the execution's outcome.
 */
export function classifyAnswer(statusCode: number, body = ""): DeliveryOutcome {
  if (isBetween(statusCode, 200, 299)) return classifyBody(body);
  if (statusCode === HTTP_TOO_MANY_REQUESTS) return { action: "retry", why: "throttled" };
  if (statusCode === HTTP_FORBIDDEN) return { action: "retry", why: "signing" };
  if (isBetween(statusCode, 400, 499)) return { action: "reject", why: "refused" };
  if (isBetween(statusCode, 500, 599)) return { action: "retry", why: "server" };
  return { action: "retry", why: "unexpected-status" };
}

/**
 * The body of a 2xx. An EXPRESS stack's events API is API Gateway's StepFunctions-StartSyncExecution integration: its
 * body is StartSyncExecution's response (a `status` field), read with `parseDeliveryOutcome` from @stepcord/events,
 * the contract the workflow writes. A STANDARD stack answers StartExecution's `{executionArn, startDate}`: the
 * workflow started, nothing more is known, and the batch is forgotten as before (the weaker guarantee, README).
 * A body with a `status` that is not the contract is retried, not forgotten: the bot cannot tell what happened.
 */
export function classifyBody(body: string): DeliveryOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { action: "delivered", how: "started" };
  }
  if (typeof parsed !== "object" || parsed === null || !("status" in parsed))
    return { action: "delivered", how: "started" };
  let outcome: ReturnType<typeof parseDeliveryOutcome>;
  try {
    outcome = parseDeliveryOutcome(parsed);
  } catch {
    return { action: "retry", why: "unreadable-answer" };
  }
  switch (outcome.outcome) {
    case "delivered":
    case "duplicate":
      return { action: "delivered", how: outcome.outcome };
    case "rate-limited":
      return {
        action: "wait",
        why: "rate-limited",
        retryAfterMs: outcome.retryAfterMs,
        posted: false,
        ...(outcome.retryAfterGuessed === true ? { retryAfterGuessed: true as const } : {}),
        ...(outcome.global === true ? { global: true as const } : {}),
      };
    case "in-flight":
      return { action: "wait", why: "in-flight", retryAfterMs: outcome.retryAfterMs, posted: "unknown" };
    case "parked":
      return { action: "park", why: "webhook-gone", code: outcome.code, cause: outcome.cause };
    case "rejected":
      return { action: "reject", why: "refused", cause: `${outcome.error}: ${outcome.cause}` };
    case "failed":
      return { action: "retry", why: "workflow-failed", cause: `${outcome.error}: ${outcome.cause}` };
  }
}

/** No answer at all (network error, timeout, credentials that could not be loaded): always retried. */
export const NO_ANSWER: DeliveryOutcome = { action: "retry", why: "no-answer" };
