import { MIN_MEMBERS_RANGE } from "../discord/commands/settings-limits.js";
import { EVENT_KINDS } from "../servers/server-rules.js";
import { SETTINGS_SCHEMA_VERSION } from "../settings/settings-call.js";
import { SETTINGS_ITEM_ATTRIBUTES } from "../settings/settings-item.js";
import {
  INTERACTION_RECORD_TTL_SECONDS,
  SETTINGS_CALL_TIMEOUT_SECONDS,
  SETTINGS_KEY_ATTRIBUTE,
  SETTINGS_TTL_ATTRIBUTE,
} from "../settings/settings-table.js";
import type { AslDefinition, AslState } from "./asl.js";
import {
  DYNAMODB_GET_ITEM_RESOURCE,
  DYNAMODB_PUT_ITEM_RESOURCE,
  DYNAMODB_UPDATE_ITEM_RESOURCE,
} from "./delivery-ledger.js";
import { epochClockStates } from "./epoch-clock.js";
import { MEMBER_AUTHORITY_START, memberAuthorityStates } from "./member-authority.js";
import { EXPRESS_TIMEOUT_SECONDS } from "./notifier-definition.js";
import { TimeBudgetExceededError, worstCaseSeconds } from "./time-budget.js";

/**
 * The settings workflow runs EXPRESS and synchronously behind `POST /settings`: the bot waits for its answer and
 * then edits its deferred reply (decision 0019). The same 25 s as the notifier, inside API Gateway's 30 s.
 */
export const SETTINGS_TIMEOUT_SECONDS = EXPRESS_TIMEOUT_SECONDS;

/** Error names the workflow fails with; every other ending is a `SettingsAnswer`. */
export const SETTINGS_ERRORS = {
  /** Another change of the same server was written between this one's read and its write: nothing was written. */
  conflict: "Stepcord.SettingsConflict",
  /** The table could not be read or written: nothing was written, the command may be run again. */
  unavailable: "Stepcord.SettingsUnavailable",
} as const;

/** State names tests and the local stack refer to. */
export const SETTINGS_STATES = {
  readForStatus: "ReadForStatus",
  readSettings: "ReadSettings",
  readInteraction: "ReadInteraction",
  writeSettings: "WriteSettings",
  writeIgnore: "WriteIgnore",
  writeUnignore: "WriteUnignore",
  recordInteraction: "RecordInteraction",
  readAfterConflict: "ReadAfterConflict",
  refuseInvalid: "RefuseInvalid",
  refuseVersion: "RefuseUnsupportedVersion",
  refuseNotAllowed: "RefuseNotAllowed",
  conflict: "SettingsConflict",
  unavailable: "SettingsUnavailable",
} as const;

export interface SettingsDefinitionArgs {
  /** The settings table's name (SettingsTable's tableName output). */
  settingsTableName: string;
}

const NAMES = {
  "#pk": SETTINGS_KEY_ATTRIBUTE,
  "#settings": SETTINGS_ITEM_ATTRIBUTES.settings,
  "#version": SETTINGS_ITEM_ATTRIBUTES.version,
  "#last": SETTINGS_ITEM_ATTRIBUTES.lastInteraction,
};
/** A write lands only on the version it read (or on no item at all), so of two concurrent changes one fails. */
export const SETTINGS_WRITE_CONDITION = "attribute_not_exists(#pk) OR #version = :current";
const SET_SETTINGS = "SET #settings = :settings, #version = :next, #last = :interaction";

const GUILD_KEY = { [SETTINGS_KEY_ATTRIBUTE]: { "S.$": "States.Format('guild#{}', $.guildId)" } };
const INTERACTION_KEY = {
  [SETTINGS_KEY_ATTRIBUTE]: { "S.$": "States.Format('interaction#{}', $.interactionId)" },
};
const TO_UNAVAILABLE = {
  ErrorEquals: ["States.ALL"],
  ResultPath: "$.failure",
  Next: SETTINGS_STATES.unavailable,
};

/**
 * The settings workflow (issue 15): one `SettingsCall` in, one `SettingsAnswer` out. It checks the call's shape,
 * re-checks the member's authority from the interaction's own permissions, then either reads the server's settings
 * (`status`) or applies the change at most once per interaction (an `interaction#<id>` record and the item's
 * `lastInteraction`) with an UpdateItem conditioned on the version it read. See docs/decisions/0019-*.md.
 */
export function settingsDefinition({ settingsTableName }: SettingsDefinitionArgs): AslDefinition {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(settingsTableName)) {
    throw new TypeError(
      `Invalid settingsTableName ${JSON.stringify(settingsTableName)}. Must be a DynamoDB table name ` +
        "(3-255 of A-Z a-z 0-9 _ . -), e.g. SettingsTable's tableName output.",
    );
  }
  const table = settingsTableName;
  const definition: AslDefinition = {
    Comment:
      "stepcord settings: one /stepcord command in, one answer out; each interaction applied at most once.",
    QueryLanguage: "JSONPath",
    StartAt: "CheckCallFields",
    TimeoutSeconds: SETTINGS_TIMEOUT_SECONDS,
    States: {
      ...callChecks(),
      ...memberAuthorityStates({
        permissionsPath: "$.memberPermissions",
        low6Path: "$.memberPermissionsLow6",
        highPath: "$.memberPermissionsHigh",
        resultPath: "$.authority",
        allowed: "ChooseOperation",
        notAllowed: SETTINGS_STATES.refuseNotAllowed,
        invalid: SETTINGS_STATES.refuseInvalid,
      }),
      ChooseOperation: {
        Type: "Choice",
        Choices: [
          { Variable: "$.request.kind", StringEquals: "status", Next: SETTINGS_STATES.readForStatus },
        ],
        Default: SETTINGS_STATES.readSettings,
      },
      ...statusStates(table),
      ...changeStates(table),
      ...answerStates(),
      [SETTINGS_STATES.refuseInvalid]: refusal(
        "invalid",
        "This is not a settings call this workflow can read: build it with SettingsCall from @stepcord/definitions.",
      ),
      [SETTINGS_STATES.refuseVersion]: refusal(
        "invalid",
        `This workflow reads settings calls of version ${SETTINGS_SCHEMA_VERSION}: deploy the workflow that matches ` +
          "the bot (pulumi up) or run the bot release that matches this workflow.",
      ),
      [SETTINGS_STATES.refuseNotAllowed]: refusal(
        "not-allowed",
        "Only members with Manage Server or Administrator can change stepcord's settings.",
      ),
      [SETTINGS_STATES.conflict]: {
        Type: "Fail",
        Comment: "Nothing written; the bot answers that the command should be run again.",
        Error: SETTINGS_ERRORS.conflict,
        Cause:
          "Another change to this server's settings was written at the same moment. Run the command again.",
      },
      [SETTINGS_STATES.unavailable]: {
        Type: "Fail",
        Comment: "Nothing written (or a read failed); the bot answers that the command should be run again.",
        Error: SETTINGS_ERRORS.unavailable,
        CausePath: "$.failure.Cause",
      },
    },
  };
  const budget = worstCaseSeconds(definition);
  if (budget.seconds > SETTINGS_TIMEOUT_SECONDS)
    throw new TimeBudgetExceededError(budget, SETTINGS_TIMEOUT_SECONDS);
  return definition;
}

function refusal(reason: "invalid" | "not-allowed", message: string): AslState {
  return { Type: "Pass", Parameters: { outcome: "refused", reason, message }, End: true };
}

const present = (path: string) => ({ Variable: path, IsPresent: true });
const missing = (path: string) => ({ Not: present(path) });

/** Shape checks, presence first: any other comparison on a missing path is a runtime error, not false. */
function callChecks(): Record<string, AslState> {
  const invalid = SETTINGS_STATES.refuseInvalid;
  const ids = ["$.interactionId", "$.guildId", "$.userId"];
  const kindWith = (kind: string, fields: string[], next: string) => ({
    And: [{ Variable: "$.request.kind", StringEquals: kind }, ...fields.map(present)],
    Next: next,
  });
  const orInvalid = (rules: unknown[], next: string): AslState => ({
    Type: "Choice",
    Choices: [{ And: rules, Next: next }],
    Default: invalid,
  });
  return {
    CheckCallFields: {
      Type: "Choice",
      Choices: [
        {
          Or: ["$.version", ...ids, "$.memberPermissions", "$.request", "$.request.kind"].map(missing),
          Next: invalid,
        },
      ],
      Default: "CheckCallValues",
    },
    CheckCallValues: {
      Type: "Choice",
      Choices: [
        {
          Or: [
            { Not: { Variable: "$.version", IsNumeric: true } },
            ...[...ids, "$.memberPermissions", "$.request.kind"].map((path) => ({
              Not: { Variable: path, IsString: true },
            })),
          ],
          Next: invalid,
        },
        {
          Not: { Variable: "$.version", NumericEquals: SETTINGS_SCHEMA_VERSION },
          Next: SETTINGS_STATES.refuseVersion,
        },
      ],
      Default: "CheckCallIds",
    },
    // Apart from the type checks: a rule's operands are not promised to be evaluated lazily.
    CheckCallIds: {
      Type: "Choice",
      Choices: [
        {
          // The ids become item keys and JSON: they are Discord snowflakes, never text with quotes or separators.
          Or: ids.flatMap((path) =>
            ['*"*', "*\\\\*", "*#*", "* *"].map((pattern) => ({ Variable: path, StringMatches: pattern })),
          ),
          Next: invalid,
        },
      ],
      Default: "CheckRequestFields",
    },
    CheckRequestFields: {
      Type: "Choice",
      Choices: [
        // Reading changes nothing, so it needs no authority: the bot reads each server's settings at start as
        // itself (memberPermissions "0"), and Discord already shows /stepcord only to Manage Server by default.
        kindWith("status", [], SETTINGS_STATES.readForStatus),
        ...["resume", "quiet-off"].map((kind) => kindWith(kind, [], MEMBER_AUTHORITY_START)),
        kindWith("pause", ["$.request.until"], "CheckPauseValues"),
        kindWith("quiet", ["$.request.from", "$.request.to"], "CheckQuietValues"),
        kindWith("min-members", ["$.request.minMembers"], "CheckMinMembersValues"),
        kindWith("events", ["$.request.events[0]"], "CheckEventsValues"),
        kindWith("ignore", ["$.request.channelId"], "CheckChannelValues"),
        kindWith("unignore", ["$.request.channelId"], "CheckChannelValues"),
      ],
      Default: invalid,
    },
    CheckPauseValues: {
      Type: "Choice",
      Choices: [
        {
          Or: [
            { Variable: "$.request.until", IsNull: true },
            { Variable: "$.request.until", IsTimestamp: true },
          ],
          Next: MEMBER_AUTHORITY_START,
        },
      ],
      Default: invalid,
    },
    CheckQuietValues: orInvalid(
      [
        { Variable: "$.request.from", IsString: true },
        { Variable: "$.request.to", IsString: true },
      ],
      "CheckQuietZone",
    ),
    CheckQuietZone: {
      Type: "Choice",
      Choices: [
        { Not: present("$.request.timeZone"), Next: MEMBER_AUTHORITY_START },
        { Variable: "$.request.timeZone", IsString: true, Next: MEMBER_AUTHORITY_START },
      ],
      Default: invalid,
    },
    CheckMinMembersValues: orInvalid(
      [{ Variable: "$.request.minMembers", IsNumeric: true }],
      "CheckMinMembersRange",
    ),
    CheckMinMembersRange: orInvalid(
      [
        { Variable: "$.request.minMembers", NumericGreaterThanEquals: MIN_MEMBERS_RANGE.min },
        { Variable: "$.request.minMembers", NumericLessThanEquals: MIN_MEMBERS_RANGE.max },
      ],
      MEMBER_AUTHORITY_START,
    ),
    CheckEventsValues: {
      Type: "Map",
      Comment:
        "Every entry must be one of EVENT_KINDS; one that is not fails the Map, which refuses the call.",
      ItemsPath: "$.request.events",
      ItemSelector: { "kind.$": "$$.Map.Item.Value" },
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "CheckEventKind",
        States: {
          CheckEventKind: {
            Type: "Choice",
            Choices: [
              {
                And: [
                  { Variable: "$.kind", IsString: true },
                  { Or: EVENT_KINDS.map((kind) => ({ Variable: "$.kind", StringEquals: kind })) },
                ],
                Next: "KnownEventKind",
              },
            ],
            Default: "UnknownEventKind",
          },
          KnownEventKind: { Type: "Succeed" },
          UnknownEventKind: { Type: "Fail", Error: "Stepcord.UnknownEventKind" },
        },
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: null, Next: invalid }],
      Next: MEMBER_AUTHORITY_START,
    },
    CheckChannelValues: orInvalid([{ Variable: "$.request.channelId", IsString: true }], "CheckChannelId"),
    CheckChannelId: {
      Type: "Choice",
      Choices: [
        {
          Or: [
            { Variable: "$.request.channelId", StringEquals: "" },
            { Variable: "$.request.channelId", StringMatches: '*"*' },
          ],
          Next: invalid,
        },
      ],
      Default: MEMBER_AUTHORITY_START,
    },
  };
}

function read(table: string, key: Record<string, unknown>, resultPath: string, next: string): AslState {
  return {
    Type: "Task",
    Resource: DYNAMODB_GET_ITEM_RESOURCE,
    Parameters: { TableName: table, Key: key, ConsistentRead: true },
    ResultPath: resultPath,
    TimeoutSeconds: SETTINGS_CALL_TIMEOUT_SECONDS,
    Catch: [TO_UNAVAILABLE],
    Next: next,
  };
}

/** A server nobody configured: `noServerSettings` (settings-call.ts) as an answer. */
function noSettingsAnswer(outcome: "status" | "replayed"): AslState {
  return {
    Type: "Pass",
    Parameters: {
      outcome,
      settings: {
        "guildId.$": "$.guildId",
        version: 0,
        updatedAt: null,
        updatedBy: null,
        pausedUntil: null,
        ignoredChannels: [],
      },
    },
    End: true,
  };
}

/** Answers with the stored item at `itemPath` (mapped by the answer states) under `outcome`. */
function answerWith(itemPath: string, outcome: string): AslState {
  return {
    Type: "Pass",
    Parameters: { "item.$": itemPath, outcome },
    ResultPath: "$.answer",
    Next: "AnswerChannels",
  };
}

function statusStates(table: string): Record<string, AslState> {
  return {
    [SETTINGS_STATES.readForStatus]: read(table, GUILD_KEY, "$.stored", "ChooseStatusItem"),
    ChooseStatusItem: {
      Type: "Choice",
      Choices: [{ Variable: "$.stored.Item", IsPresent: true, Next: "StatusOfItem" }],
      Default: "StatusOfNothing",
    },
    StatusOfItem: answerWith("$.stored.Item", "status"),
    StatusOfNothing: noSettingsAnswer("status"),
  };
}

function changeStates(table: string): Record<string, AslState> {
  const stamp = { "updatedAt.$": "$$.Execution.StartTime", "updatedBy.$": "$.userId" };
  const patch = (fields: Record<string, unknown>): AslState => ({
    Type: "Pass",
    Parameters: { ...stamp, ...fields },
    ResultPath: "$.patch",
    Next: "MergeSettings",
  });
  const lastInteraction = `$.stored.Item.${SETTINGS_ITEM_ATTRIBUTES.lastInteraction}.S`;
  const write = (extra?: { clause: "ADD" | "DELETE" }): AslState => ({
    Type: "Task",
    Comment: "Lands only on the version read; answers the item as written.",
    Resource: DYNAMODB_UPDATE_ITEM_RESOURCE,
    Parameters: {
      TableName: table,
      Key: GUILD_KEY,
      UpdateExpression: extra ? `${SET_SETTINGS} ${extra.clause} #ignored :channel` : SET_SETTINGS,
      ConditionExpression: SETTINGS_WRITE_CONDITION,
      ExpressionAttributeNames: extra
        ? { ...NAMES, "#ignored": SETTINGS_ITEM_ATTRIBUTES.ignoredChannels }
        : NAMES,
      ExpressionAttributeValues: {
        ":settings": { "S.$": "States.JsonToString($.next.settings)" },
        ":next": { "N.$": "States.Format('{}', $.next.version)" },
        ":current": { "N.$": "States.Format('{}', $.current.version)" },
        ":interaction": { "S.$": "$.interactionId" },
        ...(extra ? { ":channel": { "SS.$": "States.Array($.request.channelId)" } } : {}),
      },
      ReturnValues: "ALL_NEW",
    },
    ResultSelector: { "item.$": "$.Attributes", outcome: "applied" },
    ResultPath: "$.answer",
    TimeoutSeconds: SETTINGS_CALL_TIMEOUT_SECONDS,
    Catch: [
      {
        ErrorEquals: ["DynamoDB.ConditionalCheckFailedException"],
        ResultPath: null,
        Next: SETTINGS_STATES.readAfterConflict,
      },
      TO_UNAVAILABLE,
    ],
    Next: "ClockSplit",
  });
  return {
    [SETTINGS_STATES.readSettings]: read(table, GUILD_KEY, "$.stored", SETTINGS_STATES.readInteraction),
    [SETTINGS_STATES.readInteraction]: read(table, INTERACTION_KEY, "$.seen", "ChooseRecorded"),
    ChooseRecorded: {
      Type: "Choice",
      Comment: "An interaction applied before is answered with the settings as they are, not applied again.",
      Choices: [{ Variable: "$.seen.Item", IsPresent: true, Next: "Replayed" }],
      Default: "ChooseLastInteraction",
    },
    ChooseLastInteraction: {
      Type: "Choice",
      Choices: [{ Variable: lastInteraction, IsPresent: true, Next: "CompareLastInteraction" }],
      Default: "ChooseCurrent",
    },
    CompareLastInteraction: {
      Type: "Choice",
      Comment: "Written, but its interaction record was not (yet): still a replay.",
      Choices: [{ Variable: lastInteraction, StringEqualsPath: "$.interactionId", Next: "Replayed" }],
      Default: "ChooseCurrent",
    },
    Replayed: {
      Type: "Choice",
      Choices: [{ Variable: "$.stored.Item", IsPresent: true, Next: "ReplayedOfItem" }],
      Default: "ReplayedOfNothing",
    },
    ReplayedOfItem: answerWith("$.stored.Item", "replayed"),
    ReplayedOfNothing: noSettingsAnswer("replayed"),
    ChooseCurrent: {
      Type: "Choice",
      Choices: [{ Variable: "$.stored.Item", IsPresent: true, Next: "CurrentOfItem" }],
      Default: "CurrentOfNothing",
    },
    CurrentOfItem: {
      Type: "Pass",
      Parameters: {
        "settings.$": `States.StringToJson($.stored.Item.${SETTINGS_ITEM_ATTRIBUTES.settings}.S)`,
        "version.$": `States.StringToJson($.stored.Item.${SETTINGS_ITEM_ATTRIBUTES.version}.N)`,
      },
      ResultPath: "$.current",
      Next: "ChooseChange",
    },
    CurrentOfNothing: {
      Type: "Pass",
      Parameters: {
        settings: { "guildId.$": "$.guildId", updatedAt: null, updatedBy: null, pausedUntil: null },
        version: 0,
      },
      ResultPath: "$.current",
      Next: "ChooseChange",
    },
    ChooseChange: {
      Type: "Choice",
      Choices: [
        {
          And: [
            { Variable: "$.request.kind", StringEquals: "pause" },
            { Variable: "$.request.until", IsNull: true },
          ],
          Next: "PatchPauseIndefinitely",
        },
        { Variable: "$.request.kind", StringEquals: "pause", Next: "PatchPauseUntil" },
        { Variable: "$.request.kind", StringEquals: "resume", Next: "PatchResume" },
        { Variable: "$.request.kind", StringEquals: "quiet", Next: "ChooseQuietZone" },
        { Variable: "$.request.kind", StringEquals: "quiet-off", Next: "PatchQuietOff" },
        { Variable: "$.request.kind", StringEquals: "min-members", Next: "PatchMinMembers" },
        { Variable: "$.request.kind", StringEquals: "events", Next: "PatchEvents" },
      ],
      // ignore and unignore change the ignoredChannels set in the write itself.
      Default: "PatchStampOnly",
    },
    PatchPauseIndefinitely: patch({ pausedUntil: "indefinitely" }),
    PatchPauseUntil: patch({ "pausedUntil.$": "$.request.until" }),
    PatchResume: patch({ pausedUntil: null }),
    ChooseQuietZone: {
      Type: "Choice",
      Comment: "quiet without a zone keeps the server's current zone, UTC if it never set one.",
      Choices: [
        { Variable: "$.request.timeZone", IsPresent: true, Next: "PatchQuietInZone" },
        {
          Variable: "$.current.settings.quietHours.timeZone",
          IsPresent: true,
          Next: "PatchQuietInCurrentZone",
        },
      ],
      Default: "PatchQuietInUtc",
    },
    PatchQuietInZone: patch({
      quietHours: { "from.$": "$.request.from", "to.$": "$.request.to", "timeZone.$": "$.request.timeZone" },
    }),
    PatchQuietInCurrentZone: patch({
      quietHours: {
        "from.$": "$.request.from",
        "to.$": "$.request.to",
        "timeZone.$": "$.current.settings.quietHours.timeZone",
      },
    }),
    PatchQuietInUtc: patch({
      quietHours: { "from.$": "$.request.from", "to.$": "$.request.to", timeZone: "UTC" },
    }),
    PatchQuietOff: patch({ quietHours: "off" }),
    PatchMinMembers: patch({ "minMembers.$": "$.request.minMembers" }),
    PatchEvents: patch({ "events.$": "$.request.events" }),
    PatchStampOnly: patch({}),
    MergeSettings: {
      Type: "Pass",
      Parameters: {
        "settings.$": "States.JsonMerge($.current.settings, $.patch, false)",
        "version.$": "States.MathAdd($.current.version, 1)",
      },
      ResultPath: "$.next",
      Next: "ChooseWrite",
    },
    ChooseWrite: {
      Type: "Choice",
      Choices: [
        { Variable: "$.request.kind", StringEquals: "ignore", Next: SETTINGS_STATES.writeIgnore },
        { Variable: "$.request.kind", StringEquals: "unignore", Next: SETTINGS_STATES.writeUnignore },
      ],
      Default: SETTINGS_STATES.writeSettings,
    },
    [SETTINGS_STATES.writeSettings]: write(),
    [SETTINGS_STATES.writeIgnore]: write({ clause: "ADD" }),
    [SETTINGS_STATES.writeUnignore]: write({ clause: "DELETE" }),
    ...epochClockStates({
      resultPath: "$.clock",
      leaseSeconds: 0,
      ttlSeconds: INTERACTION_RECORD_TTL_SECONDS,
      next: SETTINGS_STATES.recordInteraction,
    }),
    [SETTINGS_STATES.recordInteraction]: {
      Type: "Task",
      Comment: "Remembers the interaction, so a replay after a later change is still answered replayed.",
      Resource: DYNAMODB_PUT_ITEM_RESOURCE,
      Parameters: {
        TableName: table,
        Item: {
          ...INTERACTION_KEY,
          guildId: { "S.$": "$.guildId" },
          [SETTINGS_TTL_ATTRIBUTE]: { "N.$": "$.clock.expiresAtText" },
        },
      },
      ResultPath: null,
      TimeoutSeconds: SETTINGS_CALL_TIMEOUT_SECONDS,
      // The change is written: answer applied even so; the item's lastInteraction still catches the next replay.
      Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: null, Next: "AnswerChannels" }],
      Next: "AnswerChannels",
    },
    [SETTINGS_STATES.readAfterConflict]: read(table, GUILD_KEY, "$.stored", "ChooseConflictCause"),
    ChooseConflictCause: {
      Type: "Choice",
      Comment: "The write that beat this one may have been this very interaction's (a replay racing it).",
      Choices: [{ Variable: lastInteraction, IsPresent: true, Next: "CompareConflictInteraction" }],
      Default: SETTINGS_STATES.conflict,
    },
    CompareConflictInteraction: {
      Type: "Choice",
      Choices: [{ Variable: lastInteraction, StringEqualsPath: "$.interactionId", Next: "ReplayedOfItem" }],
      Default: SETTINGS_STATES.conflict,
    },
  };
}

/** Maps the item at `$.answer.item` to `ServerSettings` (as `serverSettingsOfItem` does) under `$.answer.outcome`. */
function answerStates(): Record<string, AslState> {
  const item = "$.answer.item";
  const version = `States.StringToJson(${item}.${SETTINGS_ITEM_ATTRIBUTES.version}.N)`;
  return {
    AnswerChannels: {
      Type: "Choice",
      Comment: "DynamoDB removes a string set's last member with the attribute itself.",
      Choices: [
        {
          Variable: `${item}.${SETTINGS_ITEM_ATTRIBUTES.ignoredChannels}.SS`,
          IsPresent: true,
          Next: "AnswerExtrasWithChannels",
        },
      ],
      Default: "AnswerExtrasWithoutChannels",
    },
    AnswerExtrasWithChannels: {
      Type: "Pass",
      Parameters: {
        "version.$": version,
        "ignoredChannels.$": `${item}.${SETTINGS_ITEM_ATTRIBUTES.ignoredChannels}.SS`,
      },
      ResultPath: "$.extras",
      Next: "Answer",
    },
    AnswerExtrasWithoutChannels: {
      Type: "Pass",
      Parameters: { "version.$": version, ignoredChannels: [] },
      ResultPath: "$.extras",
      Next: "Answer",
    },
    Answer: {
      Type: "Pass",
      Comment: "Only the answer leaves the execution: the member's permissions and the request stay in.",
      Parameters: {
        "outcome.$": "$.answer.outcome",
        "settings.$": `States.JsonMerge(States.StringToJson(${item}.${SETTINGS_ITEM_ATTRIBUTES.settings}.S), $.extras, false)`,
      },
      End: true,
    },
  };
}

/** The resources the settings workflow's Task states call, for tests and the policy pack. */
export function settingsTaskResources(definition: AslDefinition): string[] {
  return Object.values(definition.States)
    .filter((state) => state.Type === "Task")
    .map((state) => String(state.Resource));
}
