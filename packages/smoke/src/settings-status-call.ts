import { memberPermissionsSplit, SETTINGS_SCHEMA_VERSION, SettingsCall } from "@stepcord/definitions";
import { SMOKE_IDS } from "./smoke-batch.js";

/**
 * The guild the smoke check asks about: the first server the `servers` output lists, else SMOKE_IDS.guild (no server
 * has it). `from` says which, for the verdict.
 */
export interface SettingsGuild {
  guildId: string;
  from: "servers output" | "placeholder";
}

/** Pure: the first server id in the `servers` output (a ServerDirectory: its destinations, then its rules), if any. */
export function settingsGuildOf(servers: unknown): SettingsGuild {
  const directory = (typeof servers === "string" ? safeJson(servers) : servers) as
    | { destinations?: { guildId?: unknown }[]; rules?: Record<string, unknown> }
    | undefined;
  const fromDestinations = Array.isArray(directory?.destinations)
    ? directory.destinations.map((d) => d?.guildId).find((id) => typeof id === "string")
    : undefined;
  const fromRules =
    directory?.rules !== undefined && typeof directory.rules === "object" && directory.rules !== null
      ? Object.keys(directory.rules)[0]
      : undefined;
  const guildId = (fromDestinations as string | undefined) ?? fromRules;
  return guildId === undefined || !/^\d{15,20}$/.test(guildId)
    ? { guildId: SMOKE_IDS.guild, from: "placeholder" }
    : { guildId, from: "servers output" };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Pure: one `status` SettingsCall for the guild. A status read needs no member authority and writes nothing
 * (decision 0019), so the member holds no permissions (`"0"`) and the ids are all zeros: no member or interaction has
 * them. Checked by the same schema the bot and the workflow use.
 */
export function settingsStatusCall(guildId: string): SettingsCall {
  const memberPermissions = "0";
  return SettingsCall.parse({
    version: SETTINGS_SCHEMA_VERSION,
    interactionId: SMOKE_IDS.user,
    guildId,
    userId: SMOKE_IDS.user,
    memberPermissions,
    ...memberPermissionsSplit(memberPermissions),
    request: { kind: "status" },
  });
}
