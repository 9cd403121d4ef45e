import { z } from "zod";
import { type DeliveryOutcome, parseDeliveryOutcome } from "./delivery-outcome.js";

/**
 * The part of Step Functions' DescribeExecution response the bot reads (API reference, DescribeExecution: `status`
 * RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED | PENDING_REDRIVE; `output` when it succeeded; `error` and
 * `cause` when it did not). A STANDARD stack's events API answers StartExecution's `{executionArn, startDate}`; the
 * bot asks DescribeExecution for that ARN until the execution ends, so STANDARD gets EXPRESS's DeliveryOutcome.
 */
export const ExecutionDescription = z.object({
  executionArn: z.string(),
  status: z.enum(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type ExecutionDescription = z.infer<typeof ExecutionDescription>;

/**
 * A STANDARD workflow's TimeoutSeconds: the ASL builder (@stepcord/definitions, STANDARD_TIMEOUT_SECONDS) uses it and
 * proves its slowest path fits; the bot stops asking for an outcome a minute after it.
 */
export const STANDARD_EXECUTION_TIMEOUT_SECONDS = 330;

/** The error an aborted execution is reported with (StopExecution, or a redrive given up): resend later. */
export const EXECUTION_ABORTED_ERROR = "States.Aborted";

/**
 * The outcome of a described execution, or `undefined` while it still runs (RUNNING, or PENDING_REDRIVE: a redrive
 * may still finish it). An ended execution reads like StartSyncExecution's response (`parseDeliveryOutcome`); an
 * ABORTED one is `failed`, since whatever it left (a kept claim) the ledger answers on the resend.
 * Throws a ZodError when the body is not a DescribeExecution response.
 */
export function outcomeOfDescribedExecution(body: unknown): DeliveryOutcome | undefined {
  const described = ExecutionDescription.parse(body);
  switch (described.status) {
    case "RUNNING":
    case "PENDING_REDRIVE":
      return undefined;
    case "ABORTED":
      return {
        outcome: "failed",
        error: described.error ?? EXECUTION_ABORTED_ERROR,
        cause: described.cause ?? "",
      };
    default:
      return parseDeliveryOutcome({
        status: described.status,
        ...(described.output === undefined ? {} : { output: described.output }),
        ...(described.error === undefined ? {} : { error: described.error }),
        ...(described.cause === undefined ? {} : { cause: described.cause }),
      });
  }
}
