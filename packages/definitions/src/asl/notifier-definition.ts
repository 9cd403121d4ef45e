import { EVENT_SCHEMA_VERSION, MAX_EVENTS_PER_BATCH } from "@stepcord/events";
import { WEBHOOK_ROUTE } from "../routes.js";
import type { AslDefinition, AslState, Retrier } from "./asl.js";
import { EVENT_PHRASES, type EventPhrase, formatExpression } from "./event-phrases.js";

/** Step Functions' optimized API Gateway integration: calls the API and signs with the execution role. */
export const API_GATEWAY_INVOKE_RESOURCE = "arn:aws:states:::apigateway:invoke";
/** Discord's SUPPRESS_NOTIFICATIONS message flag (1 << 12): the message arrives without a push or sound. */
export const SUPPRESS_NOTIFICATIONS_FLAG = 4096;

/**
 * API Gateway errors worth another try: throttling (Discord's 429 comes back through the proxy) and server-side
 * faults. Never `States.ALL` or `States.TaskFailed`: they would retry a permanent 400/403/404 five times.
 */
export const RETRYABLE_API_GATEWAY_ERRORS = [
  "ApiGateway.429",
  "ApiGateway.500",
  "ApiGateway.502",
  "ApiGateway.503",
  "ApiGateway.504",
] as const;

export interface NotifierRetry {
  /** @default 1 */
  intervalSeconds?: number;
  /** Retries after the first call. @default 5 (six calls in all) */
  maxAttempts?: number;
  /** @default 20 */
  maxDelaySeconds?: number;
}

export interface NotifierDefinitionArgs {
  /** The webhook API's bare host, `<apiId>.execute-api.<region>.amazonaws.com` (see `executeApiHost`). */
  webhookApiHost: string;
  retry?: NotifierRetry;
}

/** State names tests and the local stack refer to. */
export const NOTIFIER_STATES = {
  post: "PostToDiscord",
  invalidInput: "RejectInvalidInput",
  unsupportedVersion: "RejectUnsupportedVersion",
  invalidEvent: "RejectInvalidEvent",
  deliveryFailed: "DeliveryFailed",
} as const;

/** Error names the workflow fails with, so alarms and callers can tell a bad batch from a Discord outage. */
export const NOTIFIER_ERRORS = {
  invalidInput: "Stepcord.InvalidInput",
  unsupportedVersion: "Stepcord.UnsupportedVersion",
  invalidEvent: "Stepcord.InvalidEvent",
  deliveryFailed: "Stepcord.DeliveryFailed",
} as const;

const HOST = /^[a-z0-9]+\.execute-api\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?$/;

/**
 * The notifier workflow: checks a voice event batch, turns it into one Discord message (one embed per event,
 * mentions disabled, silent in quiet hours) and posts it through the IAM-protected webhook API.
 */
export function notifierDefinition({ webhookApiHost, retry = {} }: NotifierDefinitionArgs): AslDefinition {
  if (!HOST.test(webhookApiHost)) {
    throw new TypeError(
      `Invalid webhookApiHost ${JSON.stringify(webhookApiHost)}. Must be the bare host ` +
        "<apiId>.execute-api.<region>.amazonaws.com (no https://, no path); build it with executeApiHost().",
    );
  }
  return {
    Comment: "stepcord notifier: one voice event batch in, one Discord message out.",
    QueryLanguage: "JSONPath",
    StartAt: "CheckBatchFields",
    // An Express workflow may run 5 minutes; the retries below stay far inside that.
    TimeoutSeconds: 120,
    States: {
      ...batchChecks(),
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
      [NOTIFIER_STATES.post]: postToDiscord(webhookApiHost, retry),
      Delivered: {
        Type: "Pass",
        Comment: "Only ids and counts leave the execution: names stay out of outputs and logs.",
        Parameters: {
          "batchId.$": "$.batchId",
          "events.$": "States.ArrayLength($.events)",
          "status.$": "$.delivery.status",
          "messageId.$": "$.delivery.messageId",
        },
        End: true,
      },
      [NOTIFIER_STATES.deliveryFailed]: {
        Type: "Fail",
        Comment: "Retries are spent or Discord refused the message; the cause says which.",
        Error: NOTIFIER_ERRORS.deliveryFailed,
        CausePath: "$.failure.Cause",
      },
    },
  };
}

function batchChecks(): Record<string, AslState> {
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
      Default: "DescribeEvents",
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

function postToDiscord(webhookApiHost: string, retry: NotifierRetry): AslState {
  const retrier: Retrier = {
    ErrorEquals: [...RETRYABLE_API_GATEWAY_ERRORS],
    IntervalSeconds: retry.intervalSeconds ?? 1,
    BackoffRate: 2,
    MaxAttempts: retry.maxAttempts ?? 5,
    MaxDelaySeconds: retry.maxDelaySeconds ?? 20,
    JitterStrategy: "FULL",
  };
  return {
    Type: "Task",
    Resource: API_GATEWAY_INVOKE_RESOURCE,
    Parameters: {
      ApiEndpoint: webhookApiHost,
      Method: WEBHOOK_ROUTE.method,
      Path: WEBHOOK_ROUTE.path,
      AuthType: "IAM_ROLE",
      Headers: { "Content-Type": ["application/json"] },
      "RequestBody.$": "$.message",
    },
    ResultSelector: { "status.$": "$.StatusCode", "messageId.$": "$.ResponseBody.id" },
    ResultPath: "$.delivery",
    TimeoutSeconds: 30,
    Retry: [retrier],
    Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: NOTIFIER_STATES.deliveryFailed }],
    Next: "Delivered",
  };
}

/** The resources the notifier's Task states call, for tests and the policy pack. */
export function notifierTaskResources(definition: AslDefinition): string[] {
  return Object.values(definition.States)
    .filter((state) => state.Type === "Task")
    .map((state) => String(state.Resource));
}
