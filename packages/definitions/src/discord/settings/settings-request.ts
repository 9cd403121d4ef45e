import { EVENT_KINDS, type EventKind } from "../../servers/server-rules.js";
import { ChannelType, OptionType } from "../commands/application-command.js";
import { MAX_PAUSE_MS, MIN_MEMBERS_RANGE } from "../commands/settings-limits.js";
import type { SettingsSubcommand } from "../commands/stepcord-command.js";
import { escapeUserText } from "./escape-user-text.js";
import { ALL_EVENT_KINDS_WORD, EVENT_KIND_HELP_WORDS, EVENT_KIND_WORDS } from "./event-kind-words.js";
import { parseClockTime } from "./parse-clock-time.js";
import { parseDuration } from "./parse-duration.js";
import type { SettingsRequest } from "./settings-change.js";
import { SettingsCommandError } from "./settings-command-error.js";
import { resolveTimeZone } from "./time-zones.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** One option of the subcommand as Discord sent it (receiving-and-responding.mdx, "... Data Option Structure"). */
export interface DataOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
}

const stringOption = (options: DataOption[], name: string): string | undefined => {
  const value = options.find((o) => o.name === name)?.value;
  return typeof value === "string" ? value : undefined;
};

const MAX_PAUSE_DAYS = MAX_PAUSE_MS / 86_400_000;

function clock(text: string | undefined, which: "from" | "to"): string {
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
  const allowed = `Use words from: ${EVENT_KIND_HELP_WORDS.join(", ")}, or ${ALL_EVENT_KINDS_WORD}.`;
  if (words.length === 0)
    throw new SettingsCommandError("INVALID_EVENT_KINDS", `Name at least one kind. ${allowed}`);
  if (words.includes(ALL_EVENT_KINDS_WORD)) return [...EVENT_KINDS];
  const unknown = words.filter((w) => !Object.hasOwn(EVENT_KIND_WORDS, w));
  if (unknown.length > 0)
    throw new SettingsCommandError(
      "INVALID_EVENT_KINDS",
      `Unknown kind ${unknown.map((w) => `“${escapeUserText(w)}”`).join(", ")}. ${allowed}`,
    );
  const chosen = new Set(words.map((w) => EVENT_KIND_WORDS[w]));
  // In the kinds' own order, once each, whatever order and repeats the admin typed.
  return EVENT_KINDS.filter((k) => chosen.has(k));
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

/**
 * One subcommand's options → its validated request; throws SettingsCommandError with the answer that says what is
 * allowed. Every range Discord's client enforces is checked again: the payload is not trusted to have come from it.
 */
export function settingsRequest(
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
      if (from === to)
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
