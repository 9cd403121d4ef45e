import { parseDeliveryOutcome } from "@stepcord/events";

/**
 * What the deliverer does with a batch after the endpoint answered (or did not): a pure decision on the status code
 * and, for a 2xx, the body (an EXPRESS stack answers with the workflow's own outcome).
 *
 * - `delivered`: forget the batch.
 * - `retry`: keep it at the head of the queue and try again after a backoff; nothing behind it goes first, so order
 *   holds through an outage. `waitMs`, when present, is the wait the workflow asked for (Discord's retry_after, or a
 *   batch still in flight elsewhere), used instead of the jittered backoff.
 * - `reject`: this batch cannot be delivered as it is; park it in `outbox/rejected/` for a human and go on with the
 *   next one, so one bad batch cannot block the queue. `why`: `refused` by the endpoint (a 4xx), `parked` by the
 *   workflow (webhook gone or its circuit open: docs/deploy.md, "Webhook gone"), `rejected` by the workflow (input it
 *   cannot show); `cause` carries the workflow's cause.
 */
export type DeliveryOutcome =
  | { action: "delivered" }
  | { action: "retry"; why: RetryReason; waitMs?: number }
  | { action: "reject"; why: RejectReason; cause?: string };

export type RetryReason =
  | "throttled"
  | "signing"
  | "server"
  | "unexpected-status"
  | "no-answer"
  | "in-flight"
  | "workflow-failed"
  | "unexpected-answer";

export type RejectReason = "refused" | "parked" | "rejected";

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
 * 5xx and anything else unexpected (a 3xx from a proxy) is retried. A 2xx is read by classifySyncAnswer.
 */
export function classifyAnswer(statusCode: number, body?: string): DeliveryOutcome {
  if (isBetween(statusCode, 200, 299))
    return body === undefined ? { action: "delivered" } : classifySyncAnswer(body);
  if (statusCode === HTTP_TOO_MANY_REQUESTS) return { action: "retry", why: "throttled" };
  if (statusCode === HTTP_FORBIDDEN) return { action: "retry", why: "signing" };
  if (isBetween(statusCode, 400, 499)) return { action: "reject", why: "refused" };
  if (isBetween(statusCode, 500, 599)) return { action: "retry", why: "server" };
  return { action: "retry", why: "unexpected-status" };
}

/**
 * A 2xx body. An EXPRESS stack answers with StartSyncExecution's response (HTTP 200 whatever the execution did; see
 * DeliveryOutcome in @stepcord/events): only a delivery or a duplicate lets the batch go. A STANDARD stack answers
 * StartExecution's `{executionArn, startDate}`, which says only that the workflow started: the batch goes, as before.
 * A body that claims to be a sync response (has `status`) but does not parse keeps the batch: deleting it on an
 * answer we cannot read could lose it.
 */
function classifySyncAnswer(body: string): DeliveryOutcome {
  let answer: unknown;
  try {
    answer = JSON.parse(body);
  } catch {
    return { action: "delivered" };
  }
  if (typeof answer !== "object" || answer === null || !("status" in answer)) return { action: "delivered" };
  let outcome: ReturnType<typeof parseDeliveryOutcome>;
  try {
    outcome = parseDeliveryOutcome(answer);
  } catch {
    return { action: "retry", why: "unexpected-answer" };
  }
  switch (outcome.outcome) {
    case "delivered":
    case "duplicate":
      return { action: "delivered" };
    case "rate-limited":
      return { action: "retry", why: "throttled", waitMs: outcome.retryAfterMs };
    case "in-flight":
      return { action: "retry", why: "in-flight", waitMs: outcome.retryAfterMs };
    case "parked":
      return { action: "reject", why: "parked", cause: outcome.cause };
    case "rejected":
      return { action: "reject", why: "rejected", cause: outcome.cause };
    case "failed":
      return { action: "retry", why: "workflow-failed" };
  }
}

/** No answer at all (network error, timeout, credentials that could not be loaded): always retried. */
export const NO_ANSWER: DeliveryOutcome = { action: "retry", why: "no-answer" };
