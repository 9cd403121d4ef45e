/**
 * What the deliverer does with a batch after the endpoint answered (or did not): a pure decision on the status code.
 *
 * - `delivered`: forget the batch.
 * - `retry`: keep it at the head of the queue and try again after a backoff; nothing behind it goes first, so order
 *   holds through an outage.
 * - `reject`: the endpoint refused this batch for good; park it in `outbox/rejected/` for a human and go on with the
 *   next one, so one bad batch cannot block the queue.
 */
export type DeliveryOutcome =
  | { action: "delivered" }
  | { action: "retry"; why: RetryReason }
  | { action: "reject"; why: "refused" };

export type RetryReason = "throttled" | "signing" | "server" | "unexpected-status" | "no-answer";

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
 */
export function classifyAnswer(statusCode: number): DeliveryOutcome {
  if (isBetween(statusCode, 200, 299)) return { action: "delivered" };
  if (statusCode === HTTP_TOO_MANY_REQUESTS) return { action: "retry", why: "throttled" };
  if (statusCode === HTTP_FORBIDDEN) return { action: "retry", why: "signing" };
  if (isBetween(statusCode, 400, 499)) return { action: "reject", why: "refused" };
  if (isBetween(statusCode, 500, 599)) return { action: "retry", why: "server" };
  return { action: "retry", why: "unexpected-status" };
}

/** No answer at all (network error, timeout, credentials that could not be loaded): always retried. */
export const NO_ANSWER: DeliveryOutcome = { action: "retry", why: "no-answer" };
