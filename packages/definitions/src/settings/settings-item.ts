import { ServerSettings } from "./settings-call.js";
import { guildSettingsKey, SETTINGS_KEY_ATTRIBUTE } from "./settings-table.js";

/** A DynamoDB attribute value, as the low-level API (and Step Functions' optimized integration) carries it. */
export type AttributeValue = { S: string } | { N: string } | { SS: string[] } | { NULL: true };
export type SettingsItem = Record<string, AttributeValue>;

/**
 * The attributes of a `guild#<id>` item:
 * - `settings` (S): `ServerSettings` as JSON, without `version` and `ignoredChannels`. One string, so the workflow
 *   reads it with `States.StringToJson` and changes it with `States.JsonMerge`: JSONPath cannot map optional
 *   attributes one by one without a Choice per combination.
 * - `version` (N): the write counter every UpdateItem's condition reads.
 * - `ignoredChannels` (SS, left out when empty): a string set, because UpdateItem's ADD and DELETE change a set in
 *   place, and JSONPath intrinsics can neither append to nor remove from a list.
 * - `lastInteraction` (S): the interaction the last write applied, so a replay racing its own first write is known.
 */
export const SETTINGS_ITEM_ATTRIBUTES = {
  settings: "settings",
  version: "version",
  ignoredChannels: "ignoredChannels",
  lastInteraction: "lastInteraction",
} as const;

/** Thrown when a stored item is not one `settingsItem` could have written. */
export class InvalidSettingsItemError extends Error {
  override readonly name = "InvalidSettingsItemError";
  readonly code = "STEPCORD_INVALID_SETTINGS_ITEM";
  constructor(
    readonly key: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The settings item ${key} cannot be read: ${reason}. Write it only through the settings workflow, or delete it ` +
        "(aws dynamodb delete-item) so the server starts again from the stack's rules.",
      options,
    );
  }
}

/** One server's settings as the item the workflow writes. */
export function settingsItem(settings: ServerSettings, lastInteraction?: string): SettingsItem {
  const { version, ignoredChannels, ...rest } = ServerSettings.parse(settings);
  return {
    [SETTINGS_KEY_ATTRIBUTE]: { S: guildSettingsKey(settings.guildId) },
    [SETTINGS_ITEM_ATTRIBUTES.settings]: { S: JSON.stringify(rest) },
    [SETTINGS_ITEM_ATTRIBUTES.version]: { N: String(version) },
    ...(ignoredChannels.length > 0
      ? { [SETTINGS_ITEM_ATTRIBUTES.ignoredChannels]: { SS: [...ignoredChannels] } }
      : {}),
    ...(lastInteraction === undefined
      ? {}
      : { [SETTINGS_ITEM_ATTRIBUTES.lastInteraction]: { S: lastInteraction } }),
  };
}

/** The settings a `guild#<id>` item holds: what the workflow answers, read the same way. */
export function serverSettingsOfItem(item: Record<string, unknown>): ServerSettings {
  const key = attribute(item, SETTINGS_KEY_ATTRIBUTE, "S") ?? "(no key)";
  const text = attribute(item, SETTINGS_ITEM_ATTRIBUTES.settings, "S");
  const version = attribute(item, SETTINGS_ITEM_ATTRIBUTES.version, "N");
  if (text === undefined || version === undefined) {
    throw new InvalidSettingsItemError(key, "it lacks the settings (S) or version (N) attribute");
  }
  const channels = item[SETTINGS_ITEM_ATTRIBUTES.ignoredChannels] as { SS?: unknown } | undefined;
  let stored: unknown;
  try {
    stored = JSON.parse(text);
  } catch (cause) {
    throw new InvalidSettingsItemError(key, "its settings attribute is not JSON", { cause });
  }
  const parsed = ServerSettings.safeParse({
    ...(stored as object),
    version: Number(version),
    ignoredChannels: Array.isArray(channels?.SS) ? channels.SS : [],
  });
  if (!parsed.success) throw new InvalidSettingsItemError(key, parsed.error.message, { cause: parsed.error });
  if (guildSettingsKey(parsed.data.guildId) !== key) {
    throw new InvalidSettingsItemError(key, `it holds the settings of guild ${parsed.data.guildId}`);
  }
  return parsed.data;
}

function attribute(item: Record<string, unknown>, name: string, type: "S" | "N"): string | undefined {
  const value = (item[name] as Record<string, unknown> | undefined)?.[type];
  return typeof value === "string" ? value : undefined;
}
