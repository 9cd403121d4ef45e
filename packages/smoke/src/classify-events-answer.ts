import { parseDeliveryOutcome } from "@stepcord/events";
import { STILL_RATE_LIMITED, syncOutcomeOf } from "./classify-delivery-outcome.js";
import { type EventsAnswer, HOPS, type Verdict } from "./verdict.js";

const hop = HOPS.eventsApi;
const start = HOPS.startExecution;

/** The execution ARN from the StartExecution integration's answer (`{executionArn, startDate}`), if any. */
export function executionArnOf(answer: EventsAnswer): string | undefined {
  try {
    const arn = (JSON.parse(answer.body) as { executionArn?: unknown }).executionArn;
    return typeof arn === "string" ? arn : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How long to wait before sending the batch again, when an EXPRESS stack answered StartSyncExecution's response with a
 * `rate-limited` or `in-flight` outcome (the bot resends those; decision 0015); undefined for any other answer.
 */
export function resendAfterMs(answer: EventsAnswer): number | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const body: unknown = JSON.parse(answer.body);
    if (typeof body !== "object" || body === null || !("status" in body)) return undefined;
    const outcome = parseDeliveryOutcome(body);
    return outcome.outcome === "rate-limited" || outcome.outcome === "in-flight"
      ? outcome.retryAfterMs
      : undefined;
  } catch {
    return undefined;
  }
}

/** API Gateway's error message (`{"message": …}`), cut short; the body never holds a secret, but stays one line. */
function messageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown; Message?: unknown }).message;
    if (typeof message === "string") return message.slice(0, 200);
  } catch {
    // Not JSON: fall through.
  }
  return body.replace(/\s+/g, " ").slice(0, 200);
}

/** Who signed the test batch: the bot user's key from the outputs, or the operator's credentials when there is none. */
export type SignedAs = "bot" | "operator";

/** Pure: the verdict on the events API's answer to the signed test batch. */
export function classifyEventsAnswer(answer: EventsAnswer, signedAs: SignedAs = "bot"): Verdict {
  const { status } = answer;
  const said = `the events API answered ${status}${answer.body ? ` (${messageOf(answer.body)})` : ""}`;
  if (status === 200) {
    if (resendAfterMs(answer) !== undefined) return STILL_RATE_LIMITED;
    const arn = executionArnOf(answer);
    if (arn && syncOutcomeOf(answer) !== undefined) {
      return {
        hop: start,
        ok: true,
        summary: `the events API ran the batch to its end (StartSyncExecution, ${arn})`,
      };
    }
    if (arn) return { hop: start, ok: true, summary: `the events API accepted the batch and started ${arn}` };
    return {
      hop: start,
      ok: false,
      summary: `${said} without an executionArn`,
      fix: "the POST /events integration is not StepFunctions-StartExecution: run `pulumi up` to restore EventsApi",
    };
  }
  if (status === 403) {
    const message = messageOf(answer.body);
    const fix = /signature|date|expired|clock/i.test(message)
      ? "the request was signed but not accepted: check the runner's clock (SigV4 allows 5 minutes of skew)"
      : signedAs === "operator"
        ? "the stack has no bot key (invokerMode attach or none), so your AWS credentials signed: attach the invoker " +
          "policy (output invokerPolicyArn) to that identity, or run the check where a bot identity's credentials are"
        : "the bot identity may not POST /events: check that the invoker policy (output invokerPolicyArn) is attached " +
          "to the bot user and that its key is active; `pulumi up` restores BotIdentity";
    return { hop, ok: false, summary: said, fix };
  }
  if (status === 404) {
    return {
      hop,
      ok: false,
      summary: said,
      fix: "no route POST /events at this endpoint: the eventsEndpoint output is stale or the route was removed; run `pulumi up`",
    };
  }
  if (status === 400) {
    return {
      hop: start,
      ok: false,
      summary: said,
      fix: "StartExecution refused the input: the deployed workflow and this smoke check disagree on the batch; deploy both from the same commit",
    };
  }
  if (status === 429) {
    return {
      hop,
      ok: false,
      summary: said,
      fix: "the events API stage throttled the call: run the smoke check again, or raise stepcord:throttleRatePerSecond",
    };
  }
  if (status === 503 || status === 504) {
    // API Gateway answers 503/504 when the integration did not answer within its 30 s timeout (HTTP APIs included:
    // https://repost.aws/knowledge-center/api-gateway-504-errors). The role was assumed; the call took too long.
    return {
      hop: start,
      ok: false,
      summary: said,
      fix:
        "the workflow ran past API Gateway's 30 s integration timeout (StartSyncExecution waits for its end): a " +
        "Discord or DynamoDB call hung; see the workflow's log group for this execution, check that the deployed " +
        "workflow's TimeoutSeconds is under 30 (`pulumi up` restores 25), then run the smoke check again",
    };
  }
  if (status >= 500) {
    return {
      hop: start,
      ok: false,
      summary: said,
      fix:
        "API Gateway could not start the execution: it could not assume the events role (its trust must allow " +
        "apigateway.amazonaws.com for this account) or the role may not call states:StartExecution on this state " +
        "machine; run `pulumi up`, then see the events API's access log (integrationError)",
    };
  }
  return {
    hop,
    ok: false,
    summary: said,
    fix: "unexpected answer: see the events API's access log for this request",
  };
}
