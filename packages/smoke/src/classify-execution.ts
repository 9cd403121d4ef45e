import { NOTIFIER_ERRORS } from "@stepcord/definitions";
import { type ExecutionObservation, HOPS, type Hop, type Verdict } from "./verdict.js";

/** Discord's JSON error code in a cause (`{"message": …, "code": 10015}`), if any. */
function discordCode(cause: string): number | undefined {
  const code = /"code"\s*:\s*(\d+)/.exec(cause)?.[1];
  return code === undefined ? undefined : Number(code);
}

/** A failed delivery: the cause, and the webhook API's status when an `ApiGateway.<status>` error named it. */
interface Failure {
  cause: string;
  status: number | undefined;
}

interface Rule {
  hop: Hop;
  test: (failure: Failure) => boolean;
  summary: string;
  fix: string;
}

/**
 * Why a delivery failed, read from the cause (the webhook API's or Discord's answer body, which the workflow keeps).
 * Order matters: Discord's own codes first, then API Gateway's plain `{"message": …}` bodies.
 */
const DELIVERY_RULES: Rule[] = [
  {
    hop: HOPS.discord,
    test: ({ cause }) => discordCode(cause) === 10015,
    summary: "Discord answered 404 10015 Unknown Webhook: the webhook was deleted",
    fix: "create a new webhook in the channel's Integrations settings, `pulumi config set --secret discordWebhookUrl <url>`, and `pulumi up`",
  },
  {
    hop: HOPS.discord,
    test: ({ cause }) => discordCode(cause) === 50027,
    summary: "Discord answered 401 50027 Invalid Webhook Token",
    fix: "copy the whole webhook URL again, token included, into `pulumi config set --secret discordWebhookUrl` and `pulumi up`",
  },
  {
    hop: HOPS.discord,
    // The webhook API's own IAM refusals are 403s, so a 401 can only be Discord's.
    test: ({ cause, status }) => status === 401 || (/\b401\b/.test(cause) && /unauthori[sz]ed/i.test(cause)),
    summary: "the webhook API answered 401: Discord refused the forwarded Authorization header",
    fix:
      "Discord rejects the SigV4 Authorization/X-Amz-* headers the HTTP API passes through; remove them in the " +
      "webhook integration (a REST API or a Lambda proxy instead of the HTTP_PROXY), see docs/architecture.md",
  },
  {
    hop: HOPS.discord,
    test: ({ cause }) => /ResponseBody(\.id)?/.test(cause),
    summary: "Discord answered without a message (no id): ?wait=true did not reach it",
    fix: "the HTTP_PROXY integration URI must end in ?wait=true; check WebhookProxy's integrationUri and `pulumi up`",
  },
  {
    hop: HOPS.webhookAuth,
    test: ({ cause, status }) =>
      /not authorized to perform|"message"\s*:\s*"Forbidden"|\bForbidden\b/i.test(cause) ||
      (status === 403 && discordCode(cause) === undefined),
    summary: "the webhook API answered 403: it refused the state machine role",
    fix:
      "the workflow role's policy must allow execute-api:Invoke on …/$default/POST/ of the webhook API, and its " +
      "trust must let states.amazonaws.com assume it; `pulumi up` restores NotifierWorkflow",
  },
  {
    hop: HOPS.webhookRoute,
    test: ({ cause }) => /"message"\s*:\s*"Not Found"|\bNot Found\b/.test(cause),
    summary: "the webhook API answered 404: the workflow's Path does not match its route POST /",
    fix: 'the Task\'s Path must be "/" with no Stage (not "//"); compare the ASL\'s PostToDiscord with WEBHOOK_ROUTE',
  },
  {
    hop: HOPS.webhookRoute,
    test: ({ status }) => status === 404,
    summary: "the webhook API answered 404 without a body that says whose: its route or Discord's webhook",
    fix:
      "see the webhook API's access log for the call: routeKey \"-\" means the Task's Path missed POST / (it must be " +
      '"/" with no Stage); an integrationStatus of 404 means Discord no longer knows the webhook (make a new one)',
  },
  {
    hop: HOPS.discord,
    test: ({ cause, status }) => status === 429 || /\b429\b|rate limit/i.test(cause),
    summary: "Discord kept rate-limiting after every retry",
    fix: "run the smoke check again in a minute; if the bot is busy, this is Discord's per-webhook limit",
  },
  {
    hop: HOPS.discord,
    test: ({ cause, status }) =>
      (status !== undefined && status >= 500) ||
      /\b5\d\d\b|Internal Server Error|Service Unavailable|Bad Gateway|Gateway Timeout/i.test(cause),
    summary: "Discord or the webhook API kept failing with 5xx after every retry",
    fix: "check https://discordstatus.com and the webhook API's access log (integrationError), then run it again",
  },
];

/** Keeps a cause to one short line for the report. */
function excerpt(cause: string): string {
  const line = cause.replace(/\s+/g, " ").trim();
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** Pure: the verdict on what the smoke check observed of its execution. */
export function classifyExecution(observation: ExecutionObservation): Verdict {
  switch (observation.status) {
    case "SUCCEEDED":
      return { hop: HOPS.discord, ok: true, summary: `the execution succeeded (${observation.evidence})` };
    case "UNKNOWN":
      return { hop: HOPS.workflow, ok: false, summary: observation.reason, fix: observation.fix };
    case "TIMED_OUT":
    case "ABORTED":
      return {
        hop: HOPS.discord,
        ok: false,
        summary: `the execution ${observation.status === "TIMED_OUT" ? "timed out" : "was aborted"}`,
        fix:
          "the workflow ran past its TimeoutSeconds, which its slowest path fits by construction (decision 0016): " +
          "see the webhook API's access log for integrationLatency and the workflow's log group for the execution",
      };
    case "FAILED":
      break;
  }
  const { error, cause } = observation;
  // States.Runtime (a ResultSelector path missing, as when Discord answers 204 without ?wait=true) is not caught by
  // the ASL's States.ALL Catch, so it fails the execution as is. Source: https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
  // Stepcord.WebhookGone (decision 0015) is Discord's 404/401, with its body as cause: the same rules name it.
  const delivery =
    error === NOTIFIER_ERRORS.deliveryFailed ||
    error === NOTIFIER_ERRORS.webhookGone ||
    error.startsWith("ApiGateway.") ||
    (error === "States.Runtime" && /ResponseBody/.test(cause));
  if (delivery) {
    // The Task's own error (`ApiGateway.<status>`, named in the ASL's Retry) is in the execution's error or, once the
    // Catch turned it into Stepcord.DeliveryFailed, in the TaskFailed entries logged before it.
    const named = [error, ...(observation.taskErrors ?? [])]
      .map((e) => /^ApiGateway\.(\d{3})$/.exec(e)?.[1])
      .filter((code): code is string => code !== undefined);
    const status = named.length > 0 ? Number(named.at(-1)) : undefined;
    const rule = DELIVERY_RULES.find((r) => r.test({ cause, status }));
    if (rule) return { hop: rule.hop, ok: false, summary: rule.summary, fix: rule.fix };
    return {
      hop: HOPS.discord,
      ok: false,
      summary: `delivery failed: ${excerpt(cause) || "no cause logged"}`,
      fix: "see the webhook API's access log (status, integrationStatus, integrationError) for the call",
    };
  }
  if (error === NOTIFIER_ERRORS.deliveryUnclear) {
    // The webhook API's 504 (Discord silent for its 10 s) or the post's own timeout (decision 0016).
    return {
      hop: HOPS.discord,
      ok: false,
      summary:
        "Discord did not answer in time (the webhook API's 504 or the post's timeout): the message may still have " +
        "arrived, and the test batch's claim is kept until its lease ends",
      fix: "check the channel, then the webhook API's access log (integrationLatency, integrationError) and https://discordstatus.com",
    };
  }
  if (error === NOTIFIER_ERRORS.ledgerUnavailable) {
    return {
      hop: HOPS.workflow,
      ok: false,
      summary: `the workflow could not use its delivery ledger (${error}): Discord was not called`,
      fix:
        "the workflow role's ledger policy must allow its DynamoDB item actions on the DeliveryLedger table " +
        "(output deliveryLedgerTable); `pulumi up` restores NotifierWorkflow",
    };
  }
  if (error.startsWith("Stepcord.")) {
    return {
      hop: HOPS.workflow,
      ok: false,
      summary: `the workflow refused the test batch (${error})`,
      fix: "the deployed workflow and this smoke check come from different versions; deploy both from the same commit",
    };
  }
  return {
    hop: HOPS.workflow,
    ok: false,
    summary: `the execution failed with ${error}${cause ? `: ${excerpt(cause)}` : ""}`,
    fix: "see the workflow's log group for the execution",
  };
}
