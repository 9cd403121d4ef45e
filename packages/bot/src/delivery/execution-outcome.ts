import { outcomeOfDescribedExecution, STANDARD_EXECUTION_TIMEOUT_SECONDS } from "@stepcord/events";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { signedRequest } from "@stepcord/signer";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import { type DeliveryOutcome, fromWorkflowOutcome } from "./delivery-outcome.js";

/** Step Functions speaks AWS JSON 1.0: one POST per call, the operation in `X-Amz-Target` (API reference, "Common Parameters"). */
export const STATES_JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
export const DESCRIBE_EXECUTION_TARGET = "AWSStepFunctions.DescribeExecution";
/** Waits between DescribeExecution calls: short at first (most executions end within a second), then each second. */
export const DESCRIBE_POLL_MS = [200, 400, 800, 1000] as const;
/**
 * How long the bot asks before it gives up and resends (the ledger then answers the resend): the workflow's
 * STANDARD timeout and a minute, since DescribeExecution is eventually consistent.
 */
export const MAX_DESCRIBE_WAIT_MS = (STANDARD_EXECUTION_TIMEOUT_SECONDS + 60) * 1000;

/**
 * Where to ask: STEPFUNCTIONS_ENDPOINT when set (the local stack prints it), else Step Functions' public endpoint in
 * the region (AWS General Reference, "AWS Step Functions endpoints") when the events API is on AWS; else nowhere,
 * and a STANDARD batch is let go on its start, as before decision 0028.
 */
export function stepFunctionsEndpoint(args: {
  configured: string | undefined;
  eventsEndpoint: string;
  region: string | undefined;
}): string | undefined {
  if (args.configured !== undefined) return args.configured;
  const onAws = new URL(args.eventsEndpoint).hostname.endsWith(".amazonaws.com");
  return onAws && args.region !== undefined ? `https://states.${args.region}.amazonaws.com` : undefined;
}

export interface ExecutionOutcomeOptions {
  /** Step Functions' endpoint: `stepFunctionsEndpoint(region)`, or the local stack's STEPFUNCTIONS_ENDPOINT. */
  endpoint: string;
  credentials: Credentials | CredentialsProvider;
  region: string | undefined;
  logger: Logger;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  signal: AbortSignal;
  /** @default MAX_DESCRIBE_WAIT_MS */
  maxWaitMs?: number;
}

/** DescribeExecution errors worth asking again (API reference, DescribeExecution "Errors"; common errors). */
const ASK_AGAIN = new Set(["ExecutionDoesNotExist", "ThrottlingException", "ServiceUnavailable"]);

type Described =
  | { kind: "ended"; outcome: DeliveryOutcome }
  | { kind: "running" }
  | { kind: "refused"; cause: string }
  | { kind: "unknown"; cause: string };

/**
 * A STANDARD stack's events API answers only `{executionArn}`: asks DescribeExecution (signed with the bot's key,
 * which may describe this state machine's executions only) until the execution ends, and returns its outcome as the
 * EXPRESS answer would give it, so the batch is kept until it is delivered. An execution not found yet
 * (DescribeExecution is eventually consistent) or an unanswered call is asked again; past `maxWaitMs` the batch is
 * retried, and the ledger answers the resend (`duplicate`, `in-flight`, or a post if the claim was given back).
 * A bot key without `states:DescribeExecution` (a stack deployed before decision 0028) cannot learn anything: the
 * batch is let go as before, with a warning naming the fix.
 */
export async function executionOutcome(
  executionArn: string,
  options: ExecutionOutcomeOptions,
): Promise<DeliveryOutcome> {
  const deadline = options.now() + (options.maxWaitMs ?? MAX_DESCRIBE_WAIT_MS);
  for (let poll = 0; ; poll += 1) {
    const described = await describe(executionArn, options);
    if (described.kind === "ended") return described.outcome;
    if (described.kind === "refused") {
      options.logger.warn(
        { executionArn, cause: described.cause },
        "cannot read the execution's outcome; the batch is let go as started. Fix: pulumi up (decision 0028 " +
          "grants the bot states:DescribeExecution on a STANDARD stack), or set STEPFUNCTIONS_ENDPOINT",
      );
      return { action: "delivered", how: "started" };
    }
    if (options.now() >= deadline) {
      const cause = described.kind === "unknown" ? described.cause : "still running";
      return { action: "retry", why: "execution-unknown", cause };
    }
    await options.sleep(DESCRIBE_POLL_MS[Math.min(poll, DESCRIBE_POLL_MS.length - 1)] ?? 1000);
  }
}

async function describe(executionArn: string, options: ExecutionOutcomeOptions): Promise<Described> {
  let status: number;
  let text: string;
  try {
    const response = await signedRequest(options.endpoint, {
      method: "POST",
      headers: { "content-type": STATES_JSON_CONTENT_TYPE, "x-amz-target": DESCRIBE_EXECUTION_TARGET },
      body: JSON.stringify({ executionArn }),
      credentials: options.credentials,
      service: "states",
      ...(options.region ? { region: options.region } : {}),
      signal: options.signal,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    if (options.signal.aborted) throw error;
    return { kind: "unknown", cause: errorMessage(error) };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: "unknown", cause: `HTTP ${status}, not JSON` };
  }
  if (status === 200) {
    try {
      const outcome = outcomeOfDescribedExecution(body);
      return outcome === undefined
        ? { kind: "running" }
        : { kind: "ended", outcome: fromWorkflowOutcome(outcome) };
    } catch {
      return { kind: "unknown", cause: "HTTP 200, not a DescribeExecution response" };
    }
  }
  // AWS JSON errors name their type in `__type`, sometimes prefixed with a namespace and `#`.
  const type =
    String((body as { __type?: unknown }).__type ?? "")
      .split("#")
      .at(-1) ?? "";
  // Not found yet (eventual consistency), throttled, or the service's own fault: ask again.
  if (status >= 500 || ASK_AGAIN.has(type)) return { kind: "unknown", cause: `HTTP ${status} ${type}` };
  // Any other refusal (AccessDeniedException, a key Step Functions does not know) will not change by asking again.
  return { kind: "refused", cause: `HTTP ${status} ${type}` };
}
