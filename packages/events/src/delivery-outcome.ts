import { z } from "zod";

/**
 * What became of one batch, as the bot learns it from the events API when the workflow is EXPRESS (API Gateway's
 * StepFunctions-StartSyncExecution integration answers with StartSyncExecution's response: `status` SUCCEEDED |
 * FAILED | TIMED_OUT, `output` when it succeeded, `error` and `cause` when it did not; HTTP 200 either way).
 *
 * - `delivered` / `duplicate`: the message is in Discord (`duplicate`: posted by an earlier send of this batch id).
 *   The bot deletes the batch.
 * - `in-flight`: another execution holds this batch's claim; ask again after `retryAfterMs`.
 * - `rate-limited`: Discord answered 429; wait `retryAfterMs` (Discord's retry_after), merge, resend. Every guild
 *   posting through the same webhook waits with it: they share its buckets. `retryAfterGuessed` says Discord named
 *   no wait (then back off from the guess).
 * - `parked`: the webhook is gone (404 Unknown Webhook 10015, 401 Invalid Webhook Token 50027) or its circuit is open;
 *   keep the batch aside with `cause` until the webhook is fixed (docs/deploy.md, "Webhook gone").
 * - `rejected`: the batch is not one this workflow can show (bad input, other contract version); resending cannot
 *   help. Park it with the cause.
 * - `failed`: anything else (ledger unavailable, Discord 5xx after retries, timeout); resend later, same batch id.
 */
export const DeliveryOutcome = z.discriminatedUnion("outcome", [
  z.strictObject({ outcome: z.literal("delivered"), batchId: z.string(), messageId: z.string() }),
  z.strictObject({ outcome: z.literal("duplicate"), batchId: z.string(), messageId: z.string() }),
  z.strictObject({
    outcome: z.literal("in-flight"),
    batchId: z.string(),
    retryAfterMs: z.int().nonnegative(),
  }),
  z.strictObject({
    outcome: z.literal("rate-limited"),
    batchId: z.string(),
    retryAfterMs: z.int().nonnegative(),
    /**
     * Present (true) when Discord's answer named no wait, neither `retry_after` in a JSON body nor a `Retry-After`
     * header the workflow passed on (a Cloudflare 429 is text with only the header, and Step Functions hands the body
     * alone to the workflow): `retryAfterMs` is then DEFAULT_RETRY_AFTER_MS, a guess the caller should back off from.
     */
    retryAfterGuessed: z.literal(true).optional(),
    /**
     * Present (true) when Discord's body said `"global": true`: the caller's global limit, which counts every request
     * it makes (for a webhook, without an Authorization header, per IP), not one webhook's bucket; every destination
     * must wait (discord/discord-api-docs developers/topics/rate-limits.mdx, "Global Rate Limit").
     */
    global: z.literal(true).optional(),
  }),
  z.strictObject({ outcome: z.literal("parked"), code: z.int().nullable(), cause: z.string() }),
  z.strictObject({ outcome: z.literal("rejected"), error: z.string(), cause: z.string() }),
  z.strictObject({ outcome: z.literal("failed"), error: z.string(), cause: z.string() }),
]);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;

/** When Discord's 429 carries no readable retry_after. Its per-channel bucket is 30 messages per 60 s. */
export const DEFAULT_RETRY_AFTER_MS = 2_000;
/** How long to wait before asking again about a batch another execution is posting (EXPRESS ends within 25 s). */
export const IN_FLIGHT_RETRY_MS = 5_000;

/** The part of StartSyncExecution's response the bot reads. */
export const SyncExecutionResponse = z.object({
  status: z.enum(["SUCCEEDED", "FAILED", "TIMED_OUT"]),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});

const WorkflowOutput = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("delivered"), batchId: z.string(), messageId: z.string() }),
  z.object({ outcome: z.literal("duplicate"), batchId: z.string(), messageId: z.string() }),
  z.object({ outcome: z.literal("in-flight"), batchId: z.string() }),
  z.object({
    outcome: z.literal("rate-limited"),
    batchId: z.string(),
    discord: z.string(),
    /** Discord's `Retry-After` header (seconds), when the workflow has it; optional, the body is read first. */
    retryAfter: z.string().optional(),
  }),
]);

const REJECTED_ERRORS = new Set([
  "Stepcord.InvalidInput",
  "Stepcord.UnsupportedVersion",
  "Stepcord.InvalidEvent",
]);
const WEBHOOK_GONE_ERROR = "Stepcord.WebhookGone";

/**
 * Reads Discord's `retry_after` (seconds, fractional) from a 429 answer as Step Functions passes it on: the body as
 * the error's cause, possibly itself inside a JSON string (then its quotes are escaped), so a pattern, not a parse.
 */
export function retryAfterMsFromCause(cause: string): number {
  return readRetryAfter(cause).retryAfterMs;
}

/**
 * The wait a 429 asks for: `retry_after` in Discord's JSON body, else a `Retry-After` header in seconds (Discord's
 * rate-limits page: "rely on the `Retry-After` header or `retry_after` field"; a Cloudflare ban sends only the
 * header), else DEFAULT_RETRY_AFTER_MS marked `guessed`.
 */
export function readRetryAfter(body: string, header?: string): { retryAfterMs: number; guessed: boolean } {
  const match = /retry_after\\?"\s*:\s*([0-9]+(?:\.[0-9]+)?)/.exec(body);
  if (match?.[1] !== undefined) return { retryAfterMs: Math.ceil(Number(match[1]) * 1000), guessed: false };
  // Discord and Cloudflare send seconds; RFC 9110's other form, an HTTP-date, is not theirs and counts as none.
  const seconds = header === undefined || header.trim() === "" ? Number.NaN : Number(header);
  if (Number.isFinite(seconds) && seconds >= 0)
    return { retryAfterMs: Math.ceil(seconds * 1000), guessed: false };
  return { retryAfterMs: DEFAULT_RETRY_AFTER_MS, guessed: true };
}

/**
 * Whether a 429 body says `"global": true` (Discord's rate-limit response structure, developers/topics/rate-limits.mdx),
 * possibly inside a JSON string as Step Functions passes it on, so a pattern, as for retry_after.
 */
function isGlobalRateLimit(body: string): boolean {
  return /"global\\?"\s*:\s*true\b/.test(body);
}

/** Discord's JSON error `code` (10015, 50027, …) in a cause, or null. */
export function discordCodeFromCause(cause: string): number | null {
  const match = /"code\\?"\s*:\s*([0-9]+)/.exec(cause);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/**
 * Turns the events API's answer for an EXPRESS workflow (StartSyncExecution's response body) into a DeliveryOutcome.
 * Throws a ZodError when the body is not such a response (e.g. a STANDARD stack answers `{executionArn, startDate}`).
 */
export function parseDeliveryOutcome(body: unknown): DeliveryOutcome {
  const response = SyncExecutionResponse.parse(body);
  if (response.status === "SUCCEEDED") {
    const output = WorkflowOutput.parse(JSON.parse(response.output ?? "null"));
    switch (output.outcome) {
      case "delivered":
      case "duplicate":
        return { outcome: output.outcome, batchId: output.batchId, messageId: output.messageId };
      case "in-flight":
        return { outcome: "in-flight", batchId: output.batchId, retryAfterMs: IN_FLIGHT_RETRY_MS };
      case "rate-limited": {
        const { retryAfterMs, guessed } = readRetryAfter(output.discord, output.retryAfter);
        return {
          outcome: "rate-limited",
          batchId: output.batchId,
          retryAfterMs,
          ...(guessed ? { retryAfterGuessed: true as const } : {}),
          ...(isGlobalRateLimit(output.discord) ? { global: true as const } : {}),
        };
      }
    }
  }
  const error = response.error ?? (response.status === "TIMED_OUT" ? "States.Timeout" : "States.Runtime");
  const cause = response.cause ?? "";
  if (error === WEBHOOK_GONE_ERROR) return { outcome: "parked", code: discordCodeFromCause(cause), cause };
  if (REJECTED_ERRORS.has(error)) return { outcome: "rejected", error, cause };
  return { outcome: "failed", error, cause };
}
