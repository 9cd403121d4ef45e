/**
 * StartSyncExecution responses as API Gateway's StepFunctions-StartSyncExecution integration returns them for the
 * stepcord workflow (HTTP 200 whatever the execution did): `status`, `output` (a JSON string) when it SUCCEEDED,
 * `error` and `cause` when it FAILED. The shapes are the contract the bot reads, packages/events/src/delivery-outcome.ts
 * (WorkflowOutput and the error names); https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html
 */
export const syncAnswer = {
  delivered: (batchId: string, messageId = "1") => ({
    status: "SUCCEEDED",
    output: JSON.stringify({ outcome: "delivered", batchId, messageId }),
  }),
  duplicate: (batchId: string, messageId = "1") => ({
    status: "SUCCEEDED",
    output: JSON.stringify({ outcome: "duplicate", batchId, messageId }),
  }),
  inFlight: (batchId: string) => ({
    status: "SUCCEEDED",
    output: JSON.stringify({ outcome: "in-flight", batchId }),
  }),
  /**
   * Discord's 429 body as the workflow passes it on (retry_after in seconds, fractional; `global`: the caller's global
   * limit was hit, not one route's, discord/discord-api-docs developers/topics/rate-limits.mdx).
   */
  rateLimited: (batchId: string, retryAfterSeconds: number, global = false) => ({
    status: "SUCCEEDED",
    output: JSON.stringify({
      outcome: "rate-limited",
      batchId,
      discord: JSON.stringify({
        message: "You are being rate limited.",
        retry_after: retryAfterSeconds,
        global,
      }),
    }),
  }),
  /**
   * A 429 whose body is not Discord's JSON: Cloudflare's ban answers `error code: 1015` as text/plain with only a
   * `Retry-After` header (packages/fake-discord/src/webhook/cloudflare-ban.ts), and Step Functions passes the body
   * alone as the cause, so the workflow hands back no retry_after.
   */
  rateLimitedWithBody: (batchId: string, body: string) => ({
    status: "SUCCEEDED",
    output: JSON.stringify({ outcome: "rate-limited", batchId, discord: body }),
  }),
  /** Discord 404 Unknown Webhook (code 10015), as the workflow fails Stepcord.WebhookGone. */
  webhookGone: () => ({
    status: "FAILED",
    error: "Stepcord.WebhookGone",
    cause: JSON.stringify({ message: "Unknown Webhook", code: 10015 }),
  }),
  rejected: () => ({ status: "FAILED", error: "Stepcord.InvalidInput", cause: "events[0].type: invalid" }),
  failed: () => ({
    status: "FAILED",
    error: "Stepcord.LedgerUnavailable",
    cause: "DynamoDB.ServiceException",
  }),
};
