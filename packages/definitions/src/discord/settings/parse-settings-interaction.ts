import { ChannelType, OptionType } from "../commands/application-command.js";
import { MAX_PAUSE_MS, MIN_MEMBERS_RANGE } from "../commands/settings-limits.js";
import {
  SETTINGS_SUBCOMMANDS,
  type SettingsSubcommand,
  STEPCORD_COMMAND_NAME,
} from "../commands/stepcord-command.js";
import { canManageGuild } from "../permissions.js";
import { snowflakeTimeMs } from "../snowflake-time.js";
import { escapeUserText } from "./escape-user-text.js";
import { ALL_EVENT_KINDS_WORD, EVENT_KINDS, type EventKind } from "./event-kinds.js";
import { parseClockTime } from "./parse-clock-time.js";
import { parseDuration } from "./parse-duration.js";
import type {
  ClockTime,
  InteractionContext,
  SettingsInteraction,
  SettingsRequest,
} from "./settings-change.js";
import { SettingsCommandError } from "./settings-command-error.js";
import { knownTimeZones, resolveTimeZone } from "./time-zones.js";

/** receiving-and-responding.mdx, "Interaction Type". */
export const InteractionType = { ApplicationCommand: 2, ApplicationCommandAutocomplete: 4 } as const;

export interface ParseSettingsOptions {
  /** The zones a time zone is checked against. @default knownTimeZones() */
  timeZones?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

interface DataOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
}

const malformed = (what: string) =>
  new SettingsCommandError("MALFORMED_INTERACTION", "That interaction could not be read.", what);

type ContextBase = Omit<InteractionContext, "guildId" | "userId">;

/**
 * Reads who asked and how to answer. Throws (nothing can be answered) when the id, token or application id is
 * missing; the guild and member may be absent (a DM), which the caller rejects with the context it still has.
 */
function readContext(payload: Json): { base: ContextBase; guildId?: string; userId?: string } {
  const interactionId = str(payload.id);
  const token = str(payload.token);
  const applicationId = str(payload.application_id);
  const createdAtMs = interactionId === undefined ? undefined : snowflakeTimeMs(interactionId);
  if (!interactionId || !token || !applicationId || createdAtMs === undefined)
    throw malformed("id, token and application_id are required and id must be a snowflake");
  const member = isObject(payload.member) ? payload.member : undefined;
  const memberUser = member && isObject(member.user) ? member.user : undefined;
  const guildId = str(payload.guild_id);
  const userId = str(memberUser?.id);
  return {
    base: {
      interactionId,
      token,
      applicationId,
      channelId: str(payload.channel_id),
      locale: str(payload.locale),
      createdAtMs,
    },
    ...(guildId === undefined ? {} : { guildId }),
    ...(userId === undefined ? {} : { userId }),
  };
}

function subcommandOf(data: Json): { name: SettingsSubcommand; options: DataOption[] } | undefined {
  if (data.name !== STEPCORD_COMMAND_NAME || !Array.isArray(data.options)) return undefined;
  const [first] = data.options as unknown[];
  if (!isObject(first) || first.type !== OptionType.Subcommand) return undefined;
  const name = SETTINGS_SUBCOMMANDS.find((s) => s === first.name);
  if (name === undefined) return undefined;
  const options = Array.isArray(first.options) ? (first.options as unknown[]).filter(isObject) : [];
  return {
    name,
    options: options.map((o) => ({
      name: String(o.name),
      type: Number(o.type),
      value: o.value,
      ...(o.focused === true ? { focused: true } : {}),
    })),
  };
}

const stringOption = (options: DataOption[], name: string): string | undefined => {
  const value = options.find((o) => o.name === name)?.value;
  return typeof value === "string" ? value : undefined;
};

const MAX_PAUSE_DAYS = MAX_PAUSE_MS / 86_400_000;

function clock(text: string | undefined, which: "from" | "to"): ClockTime {
  const parsed = text === undefined ? undefined : parseClockTime(text);
  if (parsed) return parsed;
  throw new SettingsCommandError(
    "INVALID_CLOCK_TIME",
    `\`${which}\` must be an hour 0-23 or a time HH:MM, such as 23 or 07:30${text === undefined ? "" : ` (not “${escapeUserText(text)}”)`}.`,
  );
}

function eventKinds(text: string | undefined): EventKind[] {
  const words = (text ?? "")
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((w) => w.length > 0);
  const allowed = `Use words from: ${EVENT_KINDS.join(", ")}, or ${ALL_EVENT_KINDS_WORD}.`;
  if (words.length === 0)
    throw new SettingsCommandError("INVALID_EVENT_KINDS", `Name at least one kind. ${allowed}`);
  if (words.includes(ALL_EVENT_KINDS_WORD)) return [...EVENT_KINDS];
  const unknown = words.filter((w) => !(EVENT_KINDS as string[]).includes(w));
  if (unknown.length > 0)
    throw new SettingsCommandError(
      "INVALID_EVENT_KINDS",
      `Unknown kind ${unknown.map((w) => `“${escapeUserText(w)}”`).join(", ")}. ${allowed}`,
    );
  return EVENT_KINDS.filter((k) => words.includes(k));
}

function voiceChannel(data: Json, options: DataOption[]): string {
  const id = options.find((o) => o.name === "channel" && o.type === OptionType.Channel)?.value;
  const resolved = isObject(data.resolved) && isObject(data.resolved.channels) ? data.resolved.channels : {};
  const channel = typeof id === "string" ? resolved[id] : undefined;
  // Discord filters the picker by channel_types, but a forged or replayed payload need not have come from it.
  const voiceTypes: number[] = [ChannelType.GuildVoice, ChannelType.GuildStageVoice];
  if (typeof id !== "string" || !isObject(channel) || !voiceTypes.includes(Number(channel.type)))
    throw new SettingsCommandError("INVALID_CHANNEL", "Pick a voice or stage channel of this server.");
  return id;
}

function request(
  name: SettingsSubcommand,
  options: DataOption[],
  data: Json,
  createdAtMs: number,
  zones: readonly string[],
): SettingsRequest {
  switch (name) {
    case "status":
      return { kind: "status" };
    case "resume":
      return { kind: "resume" };
    case "quiet-off":
      return { kind: "quiet-off" };
    case "pause": {
      const text = stringOption(options, "duration");
      if (text === undefined) return { kind: "pause", durationMs: null, untilMs: null };
      const durationMs = parseDuration(text);
      if (durationMs === undefined)
        throw new SettingsCommandError(
          "INVALID_DURATION",
          `“${escapeUserText(text)}” is not a pause length. Use minutes, hours or days such as 30m, 2h, 1d or 1h30m, from 1m to ${MAX_PAUSE_DAYS}d; leave it empty to pause until \`/stepcord resume\`.`,
        );
      // From when Discord created the interaction, not when it is handled: a retried delivery pauses until the
      // same moment instead of extending the pause.
      return { kind: "pause", durationMs, untilMs: createdAtMs + durationMs };
    }
    case "quiet": {
      const from = clock(stringOption(options, "from"), "from");
      const to = clock(stringOption(options, "to"), "to");
      if (from.hour === to.hour && from.minute === to.minute)
        throw new SettingsCommandError(
          "INVALID_CLOCK_TIME",
          "`from` and `to` are the same time; give two different times, or use `/stepcord quiet-off`.",
        );
      const zoneText = stringOption(options, "timezone");
      if (zoneText === undefined) return { kind: "quiet", from, to, timeZone: undefined };
      const timeZone = resolveTimeZone(zoneText, zones);
      if (timeZone === undefined)
        throw new SettingsCommandError(
          "INVALID_TIME_ZONE",
          `“${escapeUserText(zoneText)}” is not a time zone. Use an IANA name such as Asia/Tokyo, Europe/Berlin or UTC (start typing to see suggestions).`,
        );
      return { kind: "quiet", from, to, timeZone };
    }
    case "min-members": {
      const value = options.find((o) => o.name === "count")?.value;
      const { min, max } = MIN_MEMBERS_RANGE;
      if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
        throw new SettingsCommandError(
          "INVALID_MIN_MEMBERS",
          `\`count\` must be a whole number from ${min} to ${max} (0 = notify however few are in the channel).`,
        );
      return { kind: "min-members", minMembers: value };
    }
    case "events":
      return { kind: "events", events: eventKinds(stringOption(options, "kinds")) };
    case "ignore":
      return { kind: "ignore", channelId: voiceChannel(data, options) };
    case "unignore":
      return { kind: "unignore", channelId: voiceChannel(data, options) };
  }
}

/**
 * Reads an INTERACTION_CREATE payload for `/stepcord` (type 2 APPLICATION_COMMAND or type 4 autocomplete,
 * receiving-and-responding.mdx) into a validated request, an autocomplete query, or a rejection that says what is
 * allowed. A member whose `member.permissions` lacks MANAGE_GUILD and ADMINISTRATOR is rejected whatever Discord's
 * `default_member_permissions` showed them: the payload is checked, not trusted to have come through the client.
 * Throws SettingsCommandError (MALFORMED_INTERACTION) only when there is no id, token or application id to answer.
 */
export function parseSettingsInteraction(
  payload: unknown,
  options: ParseSettingsOptions = {},
): SettingsInteraction {
  if (!isObject(payload)) throw malformed("payload is not an object");
  const { base, guildId, userId } = readContext(payload);
  // receiving-and-responding.mdx: "member is sent when the interaction is invoked in a guild, and user ... in a DM".
  if (guildId === undefined || userId === undefined)
    return {
      type: "rejected",
      context: { ...base, guildId: "", userId: "" },
      error: new SettingsCommandError("NOT_IN_GUILD", "/stepcord works only inside a server."),
    };
  const context: InteractionContext = { ...base, guildId, userId };
  const data = isObject(payload.data) ? payload.data : undefined;
  const sub = data ? subcommandOf(data) : undefined;
  if (!data || !sub)
    return {
      type: "rejected",
      context,
      error: new SettingsCommandError(
        "UNKNOWN_COMMAND",
        "That is not a /stepcord command this version knows.",
      ),
    };

  if (payload.type === InteractionType.ApplicationCommandAutocomplete) {
    const focused = sub.options.find((o) => o.focused === true);
    // Only the time zone autocompletes (stepcordCommand); anything else focused gets no suggestions.
    const query =
      focused?.name === "timezone" && typeof focused.value === "string" ? focused.value : undefined;
    if (sub.name !== "quiet" || query === undefined)
      return {
        type: "rejected",
        context,
        error: new SettingsCommandError("UNKNOWN_COMMAND", "Only the time zone has suggestions."),
      };
    return { type: "autocomplete", context, option: "timezone", query };
  }
  if (payload.type !== InteractionType.ApplicationCommand)
    return {
      type: "rejected",
      context,
      error: new SettingsCommandError(
        "UNKNOWN_COMMAND",
        "That is not a /stepcord command this version knows.",
      ),
    };

  const member = payload.member as Json;
  if (!canManageGuild(member.permissions))
    return {
      type: "rejected",
      context,
      error: new SettingsCommandError(
        "MISSING_PERMISSION",
        "Only members with the Manage Server permission can use /stepcord; nothing was changed.",
      ),
    };
  try {
    const zones = options.timeZones ?? knownTimeZones();
    return {
      type: "command",
      context,
      request: request(sub.name, sub.options, data, context.createdAtMs, zones),
    };
  } catch (error) {
    if (error instanceof SettingsCommandError) return { type: "rejected", context, error };
    throw error;
  }
}
