import {
  EVENT_SCHEMA_VERSION,
  MAX_EVENTS_PER_BATCH,
  STANDARD_EXECUTION_TIMEOUT_SECONDS,
} from "@stepcord/events";
import { WEBHOOK_TIMEOUT_MS } from "../integrations.js";
import { WEBHOOK_ROUTE } from "../routes.js";
import type { AslDefinition, AslState, Retrier } from "./asl.js";
import {
  batchKey,
  CLAIM_CONDITION,
  CLAIM_OWNER_ATTRIBUTE,
  circuitKey,
  claimLeaseSeconds,
  DYNAMODB_DELETE_ITEM_RESOURCE,
  DYNAMODB_GET_ITEM_RESOURCE,
  DYNAMODB_PUT_ITEM_RESOURCE,
  DYNAMODB_UPDATE_ITEM_RESOURCE,
  LEDGER_CALL_TIMEOUT_SECONDS,
  LEDGER_TTL_ATTRIBUTE,
  LEDGER_TTL_SECONDS,
  OWNER_CONDITION,
  RELEASE_CONDITION,
} from "./delivery-ledger.js";
import {
  DESTINATION_PATH,
  DESTINATION_STATES,
  destinationStates,
  MIXED_SERVERS_ERROR,
  type RoutedDestination,
} from "./destination-choice.js";
import { epochClockStates } from "./epoch-clock.js";
import { EVENT_PHRASES, type EventPhrase, formatExpression } from "./event-phrases.js";
import { TimeBudgetExceededError, worstCaseSeconds } from "./time-budget.js";

/** Step Functions' optimized API Gateway integration: calls the API and signs with the execution role. */
export const API_GATEWAY_INVOKE_RESOURCE = "arn:aws:states:::apigateway:invoke";
/** Discord's SUPPRESS_NOTIFICATIONS message flag (1 << 12): the message arrives without a push or sound. */
export const SUPPRESS_NOTIFICATIONS_FLAG = 4096;

/** Discord's 429 through the proxy. Step Functions names a failed call `ApiGateway.<status>`, the body as cause. */
export const RATE_LIMITED_ERROR = "ApiGateway.429";

/**
 * API Gateway errors worth another try at once: server-side faults that answered. Never `States.ALL` or
 * `States.TaskFailed`: they would retry a permanent 400/403/404. A 429 is handled apart (see postToDiscord), and so is
 * a 504 (UNCLEAR_POST_ERRORS): retrying it is how a post Discord took late was posted twice.
 */
export const RETRYABLE_API_GATEWAY_ERRORS = ["ApiGateway.500", "ApiGateway.502", "ApiGateway.503"] as const;

/**
 * A post whose outcome the workflow cannot know: the webhook API stopped waiting for Discord (its integration
 * timeout, answered 504) or the Task gave up on the API. Discord may have created the message, so the claim is kept
 * (not given back) and the execution fails `Stepcord.DeliveryUnclear`: the bot's resend is answered `in-flight` by
 * the ledger until the claim's lease ends, instead of posting again at once.
 */
export const UNCLEAR_POST_ERRORS = ["States.Timeout", "ApiGateway.504"] as const;

/**
 * PostToDiscord's TimeoutSeconds: longer than the webhook API waits for Discord (WEBHOOK_TIMEOUT_MS, 10 s), so the
 * API's own answer (Discord's, or its 504) arrives before the Task gives up; 2 s for the hop from Step Functions.
 */
export const POST_TIMEOUT_SECONDS = WEBHOOK_TIMEOUT_MS / 1000 + 2;

export interface NotifierRetry {
  /** @default 1 */
  intervalSeconds?: number;
  /**
   * Retries of a 500/502/503 after the first call. @default 0 for EXPRESS (a second 12 s call would not fit its 25 s:
   * the bot resends instead), 5 for STANDARD. The definition refuses values that outlast its TimeoutSeconds.
   */
  maxAttempts?: number;
  /** @default 20 */
  maxDelaySeconds?: number;
}

export type NotifierWorkflowType = "EXPRESS" | "STANDARD";

export interface NotifierDefinitionArgs {
  /** The webhook API's bare host, `<apiId>.execute-api.<region>.amazonaws.com` (see `executeApiHost`). */
  webhookApiHost: string;
  /** The delivery ledger's DynamoDB table name (see `DeliveryLedger` in infra). */
  ledgerTableName: string;
  /**
   * EXPRESS runs synchronously behind the events API and answers the bot with the outcome (a 429 ends
   * `rate-limited` with Discord's retry_after at once); STANDARD runs asynchronously, nobody waits for it, so it
   * backs off and retries a 429 itself. @default "EXPRESS"
   */
  workflowType?: NotifierWorkflowType;
  retry?: NotifierRetry;
  /**
   * The stack's destinations (`destinationTable`'s public part, issue 14): the workflow picks one per batch from its
   * first event's server and voice channel and posts to its route, `POST /destinations/<id>`. Left out: today's single
   * route, `POST /`, for every server.
   */
  destinations?: readonly RoutedDestination[];
}

/** State names tests and the local stack refer to. */
export const NOTIFIER_STATES = {
  post: "PostToDiscord",
  checkCircuit: "CheckCircuit",
  claim: "ClaimBatch",
  readClaim: "ReadClaim",
  markDelivered: "MarkDelivered",
  openCircuit: "OpenCircuit",
  releaseRateLimited: "ReleaseRateLimited",
  releaseParked: "ReleaseParked",
  releaseFailed: "ReleaseFailed",
  chooseWebhookGone: "ChooseWebhookGone",
  deliveredUnrecorded: "DeliveredUnrecorded",
  deliveryUnclear: "DeliveryUnclear",
  invalidInput: "RejectInvalidInput",
  unsupportedVersion: "RejectUnsupportedVersion",
  invalidEvent: "RejectInvalidEvent",
  deliveryFailed: "DeliveryFailed",
  webhookGone: "WebhookGone",
  ledgerUnavailable: "LedgerUnavailable",
} as const;

/** The Task states that call the ledger table; each needs a local handler. */
export const LEDGER_TASK_STATES = [
  NOTIFIER_STATES.checkCircuit,
  NOTIFIER_STATES.claim,
  NOTIFIER_STATES.readClaim,
  NOTIFIER_STATES.markDelivered,
  NOTIFIER_STATES.openCircuit,
  NOTIFIER_STATES.releaseRateLimited,
  NOTIFIER_STATES.releaseParked,
  NOTIFIER_STATES.releaseFailed,
] as const;

/** Error names the workflow fails with, so alarms and callers can tell a bad batch from a Discord outage. */
export const NOTIFIER_ERRORS = {
  invalidInput: "Stepcord.InvalidInput",
  unsupportedVersion: "Stepcord.UnsupportedVersion",
  invalidEvent: "Stepcord.InvalidEvent",
  deliveryFailed: "Stepcord.DeliveryFailed",
  /** Discord answered 404 10015 / 401 50027, or the circuit is open: the batch is parked; the alarm counts these. */
  webhookGone: "Stepcord.WebhookGone",
  ledgerUnavailable: "Stepcord.LedgerUnavailable",
  /** A batch whose events come from more than one server (only with `destinations`). */
  mixedServers: MIXED_SERVERS_ERROR,
  /** Discord may have the message but its answer did not come back (UNCLEAR_POST_ERRORS); the claim is kept. */
  deliveryUnclear: "Stepcord.DeliveryUnclear",
} as const;

/** The statuses Discord answers a gone webhook or a wrong token with; API Gateway uses them too (see below). */
export const WEBHOOK_GONE_ERRORS = ["ApiGateway.404", "ApiGateway.401"] as const;
/**
 * Discord's JSON error codes for a webhook that is gone: 10015 Unknown Webhook (with 404) and 50027 Invalid Webhook
 * Token (with 401); discord/discord-api-docs developers/topics/opcodes-and-status-codes.mdx, "JSON Error Codes". Only
 * these open the circuit: API Gateway's own 404 (`{"message":"Not Found"}`, a route that does not match) or 401 is a
 * fault of the stack, not of the webhook, and fails the batch for a resend instead.
 */
export const WEBHOOK_GONE_DISCORD_CODES = [10015, 50027] as const;

/** EXPRESS must answer within API Gateway's 30 s integration timeout; 25 s leaves room for the round trips. */
export const EXPRESS_TIMEOUT_SECONDS = 25;
/**
 * STANDARD has no caller waiting on it; 330 s covers its slowest path (307 s: eleven 12 s posts, the 429 backoff of
 * up to 135 s, the 5xx backoff of 31 s and the ledger calls), which the definition checks (time-budget.ts). The bot
 * reads the same constant from @stepcord/events to know how long to ask DescribeExecution (decision 0028).
 */
export const STANDARD_TIMEOUT_SECONDS = STANDARD_EXECUTION_TIMEOUT_SECONDS;

const HOST = /^[a-z0-9]+\.execute-api\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?$/;

/**
 * The notifier workflow: checks a voice event batch; parks it at once if the webhook's circuit is open; claims its
 * batch id in the ledger (a second execution of the same batch answers `duplicate` or `in-flight` without calling
 * Discord); turns it into one Discord message (one embed per event, mentions disabled, silent in quiet hours), posts it
 * through the IAM-protected webhook API and records the delivery. See docs/decisions/0015-delivery-guarantees.md.
 */
export function notifierDefinition({
  webhookApiHost,
  ledgerTableName,
  workflowType = "EXPRESS",
  retry = {},
  destinations,
}: NotifierDefinitionArgs): AslDefinition {
  if (!HOST.test(webhookApiHost)) {
    throw new TypeError(
      `Invalid webhookApiHost ${JSON.stringify(webhookApiHost)}. Must be the bare host ` +
        "<apiId>.execute-api.<region>.amazonaws.com (no https://, no path); build it with executeApiHost().",
    );
  }
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(ledgerTableName)) {
    throw new TypeError(
      `Invalid ledgerTableName ${JSON.stringify(ledgerTableName)}. Must be a DynamoDB table name ` +
        "(3-255 of A-Z a-z 0-9 _ . -), e.g. DeliveryLedger's tableName output.",
    );
  }
  const express = workflowType === "EXPRESS";
  const routed = destinations !== undefined;
  const timeoutSeconds = express ? EXPRESS_TIMEOUT_SECONDS : STANDARD_TIMEOUT_SECONDS;
  const definition: AslDefinition = {
    Comment: "stepcord notifier: one voice event batch in, at most one Discord message out.",
    QueryLanguage: "JSONPath",
    StartAt: "CheckBatchFields",
    TimeoutSeconds: timeoutSeconds,
    States: {
      ...batchChecks(routed ? DESTINATION_STATES.checkFields : "ClockSplit"),
      ...(routed
        ? destinationStates({ destinations, next: "ClockSplit", invalidInput: NOTIFIER_STATES.invalidInput })
        : {}),
      ...epochClockStates({
        resultPath: "$.clock",
        leaseSeconds: claimLeaseSeconds(timeoutSeconds),
        ttlSeconds: LEDGER_TTL_SECONDS,
        next: NOTIFIER_STATES.checkCircuit,
      }),
      ...ledgerStates(ledgerTableName, express, routed),
      DescribeEvents: {
        Type: "Map",
        Comment: "One embed per event, in the batch's order.",
        ItemsPath: "$.events",
        ItemSelector: { "event.$": "$$.Map.Item.Value" },
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "CheckEventFields",
          States: eventStates(),
        },
        ResultPath: "$.embeds",
        Next: "ChooseLoudness",
      },
      ChooseLoudness: {
        Type: "Choice",
        Choices: [{ Variable: "$.quiet", BooleanEquals: true, Next: "ComposeQuietMessage" }],
        Default: "ComposeMessage",
      },
      ComposeMessage: composeMessage({}),
      ComposeQuietMessage: composeMessage({ flags: SUPPRESS_NOTIFICATIONS_FLAG }),
      [NOTIFIER_STATES.post]: postToDiscord(webhookApiHost, retry, express, routed),
      Delivered: {
        Type: "Pass",
        Comment: "Only ids and counts leave the execution: names stay out of outputs and logs.",
        Parameters: {
          outcome: "delivered",
          "batchId.$": "$.batchId",
          "events.$": "States.ArrayLength($.events)",
          "status.$": "$.delivery.status",
          "messageId.$": "$.delivery.messageId",
        },
        End: true,
      },
      [NOTIFIER_STATES.deliveredUnrecorded]: {
        Type: "Pass",
        Comment:
          "The message is in Discord, but this execution no longer owns the claim (taken over, or deleted by hand) or " +
          "the record failed: delivered all the same, so the bot lets the batch go; a replay may post again.",
        Parameters: {
          outcome: "delivered",
          recorded: false,
          "batchId.$": "$.batchId",
          "events.$": "States.ArrayLength($.events)",
          "status.$": "$.delivery.status",
          "messageId.$": "$.delivery.messageId",
        },
        End: true,
      },
      // STANDARD retries a 429 itself (see postToDiscord) and has nobody to answer.
      ...(express
        ? {
            RateLimited: {
              Type: "Pass",
              Comment:
                "Discord's 429 body (retry_after, global) goes back to the bot, which waits and merges.",
              Parameters: {
                outcome: "rate-limited",
                "batchId.$": "$.batchId",
                "discord.$": "$.failure.Cause",
              },
              End: true,
            },
          }
        : {}),
      [NOTIFIER_STATES.deliveryFailed]: {
        Type: "Fail",
        Comment: "Retries are spent or Discord refused the message; the cause says which.",
        Error: NOTIFIER_ERRORS.deliveryFailed,
        CausePath: "$.failure.Cause",
      },
      [NOTIFIER_STATES.deliveryUnclear]: {
        Type: "Fail",
        Comment:
          "The claim is kept: a resend within its lease is answered in-flight instead of posting again.",
        Error: NOTIFIER_ERRORS.deliveryUnclear,
        Cause:
          "Discord may have taken the post, but its answer did not come back in time (the webhook API's 504 or the " +
          "task's timeout). The batch's claim is kept until its lease ends; a resend before then is answered in-flight.",
      },
      [NOTIFIER_STATES.webhookGone]: {
        Type: "Fail",
        Comment:
          "Parked: the webhook is gone. Fix: a new webhook URL, pulumi up, close the circuit, redeliver.",
        Error: NOTIFIER_ERRORS.webhookGone,
        CausePath: "$.failure.Cause",
      },
      [NOTIFIER_STATES.ledgerUnavailable]: {
        Type: "Fail",
        Comment: "The ledger could not be read or written; nothing was posted, so the bot may resend.",
        Error: NOTIFIER_ERRORS.ledgerUnavailable,
        CausePath: "$.failure.Cause",
      },
    },
  };
  const budget = worstCaseSeconds(definition);
  if (budget.seconds > timeoutSeconds) throw new TimeBudgetExceededError(budget, timeoutSeconds);
  return definition;
}

const TO_LEDGER_UNAVAILABLE = {
  ErrorEquals: ["States.ALL"],
  ResultPath: "$.failure",
  Next: NOTIFIER_STATES.ledgerUnavailable,
};

function ledgerStates(table: string, express: boolean, routed: boolean): Record<string, AslState> {
  const batchStatus = { "#status": "status" };
  const owned = { "#status": "status", "#owner": CLAIM_OWNER_ATTRIBUTE };
  const me = { "S.$": "$$.Execution.Id" };
  const release = (next: string): AslState => ({
    Type: "Task",
    Comment:
      "Gives this execution's claim back so the bot's resend can post; a delivered record or another's claim stays.",
    Resource: DYNAMODB_DELETE_ITEM_RESOURCE,
    Parameters: {
      TableName: table,
      Key: batchKey(),
      ConditionExpression: RELEASE_CONDITION,
      ExpressionAttributeNames: owned,
      ExpressionAttributeValues: { ":claimed": { S: "claimed" }, ":me": me },
    },
    ResultPath: null,
    TimeoutSeconds: LEDGER_CALL_TIMEOUT_SECONDS,
    Catch: [
      // Not ours (taken over after the lease, delivered, or deleted): nothing to give back.
      { ErrorEquals: ["DynamoDB.ConditionalCheckFailedException"], ResultPath: null, Next: next },
      // A claim that could not be given back runs out with its lease.
      { ErrorEquals: ["States.ALL"], ResultPath: null, Next: next },
    ],
    Next: next,
  });
  return {
    [NOTIFIER_STATES.checkCircuit]: {
      Type: "Task",
      Comment: "A webhook that answered 404/401 is not called again until the circuit is closed.",
      Resource: DYNAMODB_GET_ITEM_RESOURCE,
      Parameters: { TableName: table, Key: circuitKey(routed), ConsistentRead: true },
      ResultPath: "$.circuit",
      TimeoutSeconds: LEDGER_CALL_TIMEOUT_SECONDS,
      Catch: [TO_LEDGER_UNAVAILABLE],
      Next: "ChooseCircuit",
    },
    ChooseCircuit: {
      Type: "Choice",
      Choices: [{ Variable: "$.circuit.Item", IsPresent: true, Next: "ParkBatch" }],
      Default: NOTIFIER_STATES.claim,
    },
    ParkBatch: {
      Type: "Pass",
      Comment: "The circuit's cause (Discord's 404/401 answer) becomes this batch's cause.",
      Parameters: { Error: NOTIFIER_ERRORS.webhookGone, "Cause.$": "$.circuit.Item.cause.S" },
      ResultPath: "$.failure",
      Next: NOTIFIER_STATES.webhookGone,
    },
    [NOTIFIER_STATES.claim]: {
      Type: "Task",
      Comment: "Of two executions of one batch only one gets past this conditional write.",
      Resource: DYNAMODB_PUT_ITEM_RESOURCE,
      Parameters: {
        TableName: table,
        Item: {
          ...batchKey(),
          status: { S: "claimed" },
          leaseUntil: { "N.$": "$.clock.leaseUntilText" },
          [CLAIM_OWNER_ATTRIBUTE]: me,
          [LEDGER_TTL_ATTRIBUTE]: { "N.$": "$.clock.expiresAtText" },
        },
        ConditionExpression: CLAIM_CONDITION,
        ExpressionAttributeNames: batchStatus,
        ExpressionAttributeValues: { ":claimed": { S: "claimed" }, ":now": { "N.$": "$.clock.nowText" } },
      },
      ResultPath: null,
      TimeoutSeconds: LEDGER_CALL_TIMEOUT_SECONDS,
      Catch: [
        {
          ErrorEquals: ["DynamoDB.ConditionalCheckFailedException"],
          ResultPath: null,
          Next: NOTIFIER_STATES.readClaim,
        },
        TO_LEDGER_UNAVAILABLE,
      ],
      Next: "DescribeEvents",
    },
    [NOTIFIER_STATES.readClaim]: {
      Type: "Task",
      Resource: DYNAMODB_GET_ITEM_RESOURCE,
      Parameters: { TableName: table, Key: batchKey(), ConsistentRead: true },
      ResultPath: "$.claim",
      TimeoutSeconds: LEDGER_CALL_TIMEOUT_SECONDS,
      Catch: [TO_LEDGER_UNAVAILABLE],
      Next: "ChooseClaim",
    },
    ChooseClaim: {
      Type: "Choice",
      // The item may be gone (released) between the two calls: the bot's next try will claim it.
      Choices: [
        { Not: { Variable: "$.claim.Item.messageId.S", IsPresent: true }, Next: "InFlight" },
        { Variable: "$.claim.Item.status.S", StringEquals: "delivered", Next: "Duplicate" },
      ],
      Default: "InFlight",
    },
    Duplicate: {
      Type: "Pass",
      Comment: "Delivered before: answered with the first message's id, Discord is not called.",
      Parameters: {
        outcome: "duplicate",
        "batchId.$": "$.batchId",
        "messageId.$": "$.claim.Item.messageId.S",
      },
      End: true,
    },
    InFlight: {
      Type: "Pass",
      Comment: "Another execution holds the claim; the bot asks again later.",
      Parameters: { outcome: "in-flight", "batchId.$": "$.batchId" },
      End: true,
    },
    [NOTIFIER_STATES.markDelivered]: {
      Type: "Task",
      Resource: DYNAMODB_UPDATE_ITEM_RESOURCE,
      Comment: "Records the delivery only while this execution owns the claim.",
      Parameters: {
        TableName: table,
        Key: batchKey(),
        UpdateExpression: "SET #status = :delivered, messageId = :messageId",
        ConditionExpression: OWNER_CONDITION,
        ExpressionAttributeNames: owned,
        ExpressionAttributeValues: {
          ":delivered": { S: "delivered" },
          ":messageId": { "S.$": "$.delivery.messageId" },
          ":me": me,
        },
      },
      ResultPath: null,
      TimeoutSeconds: LEDGER_CALL_TIMEOUT_SECONDS,
      Retry: [
        // Not ours any more: asking again cannot change that.
        { ErrorEquals: ["DynamoDB.ConditionalCheckFailedException"], MaxAttempts: 0 },
        { ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 1, BackoffRate: 2 },
      ],
      // The message is in Discord: answer delivered even if it could not be recorded (a replay may then post again).
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: null, Next: NOTIFIER_STATES.deliveredUnrecorded }],
      Next: "Delivered",
    },
    [NOTIFIER_STATES.chooseWebhookGone]: {
      Type: "Choice",
      Comment:
        "Only Discord's own word opens the circuit: its 10015/50027 code in the answer, not API Gateway's 404/401.",
      Choices: [
        // A comparison on a missing path is a runtime error, not false: checked first.
        { Not: { Variable: "$.failure.Cause", IsPresent: true }, Next: NOTIFIER_STATES.releaseFailed },
        {
          // `"code` then the number: matches `"code": 10015` whether the cause is the body or a JSON string of it.
          Or: WEBHOOK_GONE_DISCORD_CODES.map((code) => ({
            Variable: "$.failure.Cause",
            StringMatches: `*"code*${code}*`,
          })),
          Next: NOTIFIER_STATES.openCircuit,
        },
      ],
      Default: NOTIFIER_STATES.releaseFailed,
    },
    [NOTIFIER_STATES.openCircuit]: {
      Type: "Task",
      Comment: "Discord asks callers to stop using a webhook that answers 404; later batches are parked.",
      Resource: DYNAMODB_PUT_ITEM_RESOURCE,
      Parameters: {
        TableName: table,
        Item: {
          ...circuitKey(routed),
          cause: { "S.$": "$.failure.Cause" },
          openedAt: { "N.$": "$.clock.nowText" },
        },
      },
      ResultPath: null,
      TimeoutSeconds: LEDGER_CALL_TIMEOUT_SECONDS,
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: null, Next: NOTIFIER_STATES.releaseParked }],
      Next: NOTIFIER_STATES.releaseParked,
    },
    [NOTIFIER_STATES.releaseParked]: release(NOTIFIER_STATES.webhookGone),
    ...(express ? { [NOTIFIER_STATES.releaseRateLimited]: release("RateLimited") } : {}),
    [NOTIFIER_STATES.releaseFailed]: release(NOTIFIER_STATES.deliveryFailed),
  };
}

function batchChecks(next: string): Record<string, AslState> {
  const invalid = NOTIFIER_STATES.invalidInput;
  return {
    // Missing paths are checked first: other comparisons on a missing path are a runtime error, not false.
    CheckBatchFields: {
      Type: "Choice",
      Choices: [
        {
          Or: ["$.version", "$.batchId", "$.quiet", "$.events", "$.events[0]"].map((path) => ({
            Not: { Variable: path, IsPresent: true },
          })),
          Next: invalid,
        },
      ],
      Default: "CheckBatchValues",
    },
    CheckBatchValues: {
      Type: "Choice",
      Choices: [
        {
          Or: [
            { Not: { Variable: "$.version", IsNumeric: true } },
            { Not: { Variable: "$.batchId", IsString: true } },
            { Not: { Variable: "$.quiet", IsBoolean: true } },
            { Variable: `$.events[${MAX_EVENTS_PER_BATCH}]`, IsPresent: true },
          ],
          Next: invalid,
        },
        {
          Not: { Variable: "$.version", NumericEquals: EVENT_SCHEMA_VERSION },
          Next: NOTIFIER_STATES.unsupportedVersion,
        },
      ],
      Default: next,
    },
    [invalid]: {
      Type: "Fail",
      Error: NOTIFIER_ERRORS.invalidInput,
      Cause:
        `The input is not a stepcord voice event batch: it needs a numeric version, a string batchId, a boolean ` +
        `quiet and 1-${MAX_EVENTS_PER_BATCH} events. Build it with createVoiceEventBatch() from @stepcord/events.`,
    },
    [NOTIFIER_STATES.unsupportedVersion]: {
      Type: "Fail",
      Error: NOTIFIER_ERRORS.unsupportedVersion,
      Cause:
        `This workflow reads event batches of version ${EVENT_SCHEMA_VERSION}. Deploy the workflow that matches ` +
        "the bot (pulumi up) or run the bot release that matches this workflow.",
    },
  };
}

const EVENT_FIELDS = ["$.event.type", "$.event.occurredAt", "$.event.user.id", "$.event.channel.id"];

function eventStates(): Record<string, AslState> {
  const invalid = NOTIFIER_STATES.invalidEvent;
  const { leave, leaveWithSession, move, ...simple } = EVENT_PHRASES;
  const byType = Object.entries(simple).map(([type, phrase]) => ({
    Variable: "$.event.type",
    StringEquals: type,
    Next: phrase.state,
  }));
  return {
    CheckEventFields: {
      Type: "Choice",
      Choices: [
        {
          Or: [...EVENT_FIELDS, "$.event.membersInChannel"].map((path) => ({
            Not: { Variable: path, IsPresent: true },
          })),
          Next: invalid,
        },
      ],
      Default: "CheckEventValues",
    },
    CheckEventValues: {
      Type: "Choice",
      Choices: [
        {
          Or: [
            ...EVENT_FIELDS.map((path) => ({ Not: { Variable: path, IsString: true } })),
            { Not: { Variable: "$.event.membersInChannel", IsNumeric: true } },
          ],
          Next: invalid,
        },
      ],
      Default: "ChooseEventKind",
    },
    ChooseEventKind: {
      Type: "Choice",
      Choices: [
        {
          And: [
            { Variable: "$.event.type", StringEquals: "leave" },
            { Variable: "$.event.session.text", IsPresent: true },
          ],
          Next: leaveWithSession.state,
        },
        { Variable: "$.event.type", StringEquals: "leave", Next: leave.state },
        {
          And: [
            { Variable: "$.event.type", StringEquals: "move" },
            { Variable: "$.event.fromChannel.id", IsPresent: true },
          ],
          Next: move.state,
        },
        ...byType,
      ],
      Default: invalid,
    },
    ...Object.fromEntries(
      [leave, leaveWithSession, move, ...Object.values(simple)].map((p) => [p.state, embed(p)]),
    ),
    [invalid]: {
      Type: "Fail",
      Error: NOTIFIER_ERRORS.invalidEvent,
      Cause:
        "An event lacks a field the message needs (type, occurredAt, user.id, channel.id, " +
        "membersInChannel; fromChannel for move) or has an unknown type. Build events with @stepcord/events.",
    },
  };
}

function embed(phrase: EventPhrase): AslState {
  return {
    Type: "Pass",
    Parameters: {
      "description.$": formatExpression(phrase.template, phrase.args),
      color: phrase.color,
      "timestamp.$": "$.event.occurredAt",
      footer: { "text.$": "States.Format('{} in the channel now', $.event.membersInChannel)" },
    },
    End: true,
  };
}

function composeMessage(extra: { flags?: number }): AslState {
  return {
    Type: "Pass",
    Parameters: {
      "embeds.$": "$.embeds",
      // Names and channel links never ping anyone, whatever a display name contains.
      allowed_mentions: { parse: [] },
      ...extra,
    },
    ResultPath: "$.message",
    Next: NOTIFIER_STATES.post,
  };
}

function postToDiscord(
  webhookApiHost: string,
  retry: NotifierRetry,
  express: boolean,
  routed: boolean,
): AslState {
  const serverErrors: Retrier = {
    ErrorEquals: [...RETRYABLE_API_GATEWAY_ERRORS],
    IntervalSeconds: retry.intervalSeconds ?? 1,
    BackoffRate: 2,
    MaxAttempts: retry.maxAttempts ?? (express ? 0 : 5),
    MaxDelaySeconds: retry.maxDelaySeconds ?? 20,
    JitterStrategy: "FULL",
  };
  // STANDARD has no caller to hand a 429 to: it waits out Discord's per-channel window (30 messages per 60 s)
  // itself, 5+10+20+40+60 s, instead of the ~31 s that used to give up within the window.
  const rateLimits: Retrier = {
    ErrorEquals: [RATE_LIMITED_ERROR],
    IntervalSeconds: 5,
    BackoffRate: 2,
    MaxAttempts: 5,
    MaxDelaySeconds: 60,
    JitterStrategy: "FULL",
  };
  return {
    Type: "Task",
    Resource: API_GATEWAY_INVOKE_RESOURCE,
    Parameters: {
      ApiEndpoint: webhookApiHost,
      Method: WEBHOOK_ROUTE.method,
      // Any Parameters field may take its value from the state data with a `.$` key (AWS, "Passing parameters to a
      // service API"); the route was chosen by ChooseDestination.
      ...(routed ? { "Path.$": `${DESTINATION_PATH}.path` } : { Path: WEBHOOK_ROUTE.path }),
      AuthType: "IAM_ROLE",
      Headers: { "Content-Type": ["application/json"] },
      "RequestBody.$": "$.message",
    },
    ResultSelector: { "status.$": "$.StatusCode", "messageId.$": "$.ResponseBody.id" },
    ResultPath: "$.delivery",
    TimeoutSeconds: POST_TIMEOUT_SECONDS,
    Retry: express ? [serverErrors] : [serverErrors, rateLimits],
    Catch: [
      {
        ErrorEquals: [...WEBHOOK_GONE_ERRORS],
        ResultPath: "$.failure",
        Next: NOTIFIER_STATES.chooseWebhookGone,
      },
      // Discord may have the message: keep the claim, so a resend is answered by the ledger, not posted.
      {
        ErrorEquals: [...UNCLEAR_POST_ERRORS],
        ResultPath: "$.failure",
        Next: NOTIFIER_STATES.deliveryUnclear,
      },
      ...(express
        ? [
            {
              ErrorEquals: [RATE_LIMITED_ERROR],
              ResultPath: "$.failure",
              Next: NOTIFIER_STATES.releaseRateLimited,
            },
          ]
        : []),
      { ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: NOTIFIER_STATES.releaseFailed },
    ],
    Next: NOTIFIER_STATES.markDelivered,
  };
}

/** The resources the notifier's Task states call, for tests and the policy pack. */
export function notifierTaskResources(definition: AslDefinition): string[] {
  return Object.values(definition.States)
    .filter((state) => state.Type === "Task")
    .map((state) => String(state.Resource));
}
