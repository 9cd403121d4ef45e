import { CIRCUIT_KEY, NOTIFIER_ERRORS } from "@stepcord/definitions";
import { type DeliveryOutcome, parseDeliveryOutcome } from "@stepcord/events";
import { classifyExecution } from "./classify-execution.js";
import { type EventsAnswer, HOPS, type Verdict } from "./verdict.js";

/**
 * The delivery outcome in the events API's answer when the stack is EXPRESS (StartSyncExecution's response: `status`
 * SUCCEEDED | FAILED | TIMED_OUT); undefined for StartExecution's `{executionArn, startDate}` (STANDARD) or any
 * other answer, whose result is read from the workflow instead.
 */
export function syncOutcomeOf(answer: EventsAnswer): DeliveryOutcome | undefined {
  if (answer.status !== 200) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return undefined;
  }
  if (typeof body !== "object" || body === null || !("status" in body)) return undefined;
  try {
    return parseDeliveryOutcome(body);
  } catch {
    return undefined;
  }
}

/** docs/deploy.md, "Webhook gone", step 2: the one documented way to close the circuit. */
export const CLOSE_CIRCUIT_COMMAND =
  `aws dynamodb delete-item --table-name "$(pulumi stack output deliveryLedgerTable)" ` +
  `--key '{"pk":{"S":"${CIRCUIT_KEY}"}}'`;

const NEW_WEBHOOK_FIX =
  "create a new webhook in the channel's Integrations settings, " +
  "`pulumi config set --secret stepcord:discordWebhookUrl <url>`, `pulumi up`";

/** The verdict when every send of the test batch came back rate-limited or in flight (the smoke check resends those). */
export const STILL_RATE_LIMITED: Verdict = {
  hop: HOPS.discord,
  ok: false,
  summary: "the workflow still answered rate-limited (or in flight) after every resend of the test batch",
  fix: "run the smoke check again in a minute; if the bot is busy, this is Discord's per-webhook limit",
};

/**
 * Pure: the verdict on an EXPRESS stack's answer, which carries the delivery's outcome (decision 0015). A delivered or
 * duplicate answer proves every hop at once: the workflow took the batch, called the webhook route as its role, and
 * Discord answered with a message id. Failures get the same per-hop verdicts as a failure read from the logs.
 */
export function classifyDeliveryOutcome(outcome: DeliveryOutcome): Verdict {
  switch (outcome.outcome) {
    case "delivered":
      return {
        hop: HOPS.discord,
        ok: true,
        summary:
          `the events API answered delivered (Discord message ${outcome.messageId}): the workflow took the batch, ` +
          "the webhook route accepted its role and Discord posted it",
      };
    case "duplicate":
      return {
        hop: HOPS.discord,
        ok: true,
        summary: `the events API answered duplicate: an earlier send of this batch id is Discord message ${outcome.messageId}`,
      };
    case "rate-limited":
    case "in-flight":
      return STILL_RATE_LIMITED;
    case "parked":
      return parked(outcome.code, outcome.cause);
    case "no-destination":
      return {
        hop: HOPS.workflow,
        ok: false,
        summary:
          `the workflow has no destination for server ${outcome.guildId}: it is not in stepcord:servers and the ` +
          "stack has no every-server discordWebhookUrl, so the test batch ended without a post",
        fix:
          `add server ${outcome.guildId} to stepcord:servers (its webhookUrl as a secret) or set ` +
          "stepcord:discordWebhookUrl, then `pulumi up`",
      };
    case "rejected":
    case "failed": {
      const { error, cause } = outcome;
      if (error === "States.Timeout") return classifyExecution({ status: "TIMED_OUT", error, cause });
      return classifyExecution({ status: "FAILED", error, cause });
    }
  }
}

/**
 * A parked batch: Discord's 404/401 opened the webhook's circuit (or it was open). The cause (Discord's or the
 * webhook API's body) says whose refusal it was, as in a logged failure; whatever the fix, the circuit stays open
 * until it is closed by hand.
 */
function parked(code: number | null, cause: string): Verdict {
  const read = classifyExecution({ status: "FAILED", error: NOTIFIER_ERRORS.webhookGone, cause });
  // Discord's own codes for a deleted webhook (10015 Unknown Webhook) and a wrong token (50027 Invalid Webhook Token).
  const gone = code === 10015 || code === 50027;
  const fix = gone ? NEW_WEBHOOK_FIX : (read.fix ?? "see the webhook API's access log for the call");
  return {
    hop: read.hop,
    ok: false,
    summary: read.summary,
    fix:
      `${fix}; the workflow parked the test batch and keeps the webhook's circuit open until you close it: ` +
      `\`${CLOSE_CIRCUIT_COMMAND}\` (docs/deploy.md, "Webhook gone")`,
  };
}
