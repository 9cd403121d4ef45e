import { OptionType } from "../commands/application-command.js";
import {
  SETTINGS_SUBCOMMANDS,
  type SettingsSubcommand,
  STEPCORD_COMMAND_NAME,
} from "../commands/stepcord-command.js";
import { canManageGuild } from "../permissions.js";
import { snowflakeTimeMs } from "../snowflake-time.js";
import type { InteractionContext, SettingsInteraction } from "./settings-change.js";
import { SettingsCommandError } from "./settings-command-error.js";
import { type DataOption, settingsRequest } from "./settings-request.js";
import { knownTimeZones } from "./time-zones.js";

/** receiving-and-responding.mdx, "Interaction Type". */
export const InteractionType = { ApplicationCommand: 2, ApplicationCommandAutocomplete: 4 } as const;

export interface ParseSettingsOptions {
  /** The zones a time zone is checked against. @default knownTimeZones() */
  timeZones?: readonly string[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined);

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
      request: settingsRequest(sub.name, sub.options, data, context.createdAtMs, zones),
    };
  } catch (error) {
    if (error instanceof SettingsCommandError) return { type: "rejected", context, error };
    throw error;
  }
}
