/**
 * What Discord checks in a bulk overwrite of application commands (PUT /applications/{id}/commands and the guild
 * variant), from discord/discord-api-docs developers/interactions/application-commands.mdx (AC) and
 * developers/reference.mdx (REF). Every failure of the whole list is collected, as Discord's 50035 answers do.
 * Where an error code is quoted from a real answer, the source is named; the others are the fake's, in Discord's
 * naming pattern (docs/local-stack.md lists them).
 */
import type { FieldError } from "../webhook/discord-error.js";
import {
  badLength,
  type FieldPath,
  FormErrors,
  maxLength,
  notList,
  notObject,
} from "../webhook/form-errors.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const length = (s: string): number => [...s].length;

// AC, "Application Command Naming", with the unicode flag.
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
// REF, "Locales".
export const DISCORD_LOCALES: ReadonlySet<string> = new Set(
  "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th zh-CN ja zh-TW ko".split(
    " ",
  ),
);
/** AC, "Slash Commands": combined name, description and value characters per command. */
export const MAX_COMMAND_CHARACTERS = 8000;
/** AC, option structure: options "max of 25", choices "max 25"; "Registering a Command": 100 CHAT_INPUT commands. */
export const MAX_OPTIONS = 25;
export const MAX_CHAT_INPUT_COMMANDS = 100;

const Type = { Sub: 1, Group: 2, String: 3, Integer: 4, Channel: 7, Number: 10 } as const;

// Quoted in Garlic-Team/gcommands#295 and discord/discord-api-docs#7712.
const invalidName = (): FieldError => ({
  code: "APPLICATION_COMMAND_INVALID_NAME",
  message: "Command name is invalid",
});
// Quoted in discord/discord-api-docs#5615.
const requiredAfterOptional = (): FieldError => ({
  code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
  message: "Required options must be placed before non-required options",
});
// Quoted in discordjs/discord.js#7648.
const mixedTypes = (): FieldError => ({
  code: "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
  message: "Sub-command and sub-command group option types are mutually exclusive to all other types",
});
// The code is quoted in discord/discord-api-docs#6648; the message is the fake's.
const tooLarge = (): FieldError => ({
  code: "APPLICATION_COMMAND_TOO_LARGE",
  message: `Command exceeds maximum size (${MAX_COMMAND_CHARACTERS})`,
});
const fake = (code: string, message: string): FieldError => ({ code, message });

function checkName(errors: FormErrors, path: FieldPath, o: Json): void {
  const names = [o.name, ...(isObject(o.name_localizations) ? Object.values(o.name_localizations) : [])];
  // AC: "If there is a lowercase variant of any letters used, you must use those."
  for (const name of names)
    if (typeof name !== "string" || !CHAT_INPUT_NAME.test(name) || name !== name.toLowerCase()) {
      errors.add([...path, "name"], invalidName());
      return;
    }
  checkLocaleKeys(errors, [...path, "name_localizations"], o.name_localizations);
}

function checkLocaleKeys(errors: FormErrors, path: FieldPath, dict: unknown): void {
  if (dict === undefined || dict === null) return;
  if (!isObject(dict)) {
    errors.add(path, notObject());
    return;
  }
  for (const key of Object.keys(dict))
    if (!DISCORD_LOCALES.has(key))
      errors.add([...path, key], fake("LOCALE_INVALID", `Invalid locale "${key}".`));
}

function checkDescription(errors: FormErrors, path: FieldPath, o: Json): void {
  const all = [
    o.description,
    ...(isObject(o.description_localizations) ? Object.values(o.description_localizations) : []),
  ];
  // AC: CHAT_INPUT "1-100 characters".
  if (all.some((d) => typeof d !== "string" || length(d) < 1 || length(d) > 100))
    errors.add([...path, "description"], badLength(1, 100));
  checkLocaleKeys(errors, [...path, "description_localizations"], o.description_localizations);
}

/** AC, "Slash Commands": only the longest localization of each field (default included) counts. */
function longest(value: unknown, dict: unknown): number {
  const values = [value, ...(isObject(dict) ? Object.values(dict) : [])].filter((v) => typeof v === "string");
  return Math.max(0, ...values.map((v) => length(v as string)));
}

export function commandCharacters(o: Json): number {
  let total = longest(o.name, o.name_localizations) + longest(o.description, o.description_localizations);
  for (const c of Array.isArray(o.choices) ? o.choices.filter(isObject) : [])
    total += longest(c.name, c.name_localizations) + length(String(c.value));
  for (const child of Array.isArray(o.options) ? o.options.filter(isObject) : [])
    total += commandCharacters(child);
  return total;
}

function checkOptions(
  errors: FormErrors,
  path: FieldPath,
  options: unknown,
  parent: number | "command",
): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    errors.add([...path, "options"], notList());
    return;
  }
  if (options.length > MAX_OPTIONS) errors.add([...path, "options"], maxLength(MAX_OPTIONS));
  const nested = (o: unknown) => isObject(o) && (o.type === Type.Sub || o.type === Type.Group);
  const someNested = options.some(nested);
  let sawOptional = false;
  const seen = new Set<string>();
  options.forEach((o, i) => {
    const at = [...path, "options", i];
    if (!isObject(o)) {
      errors.add(at, notObject());
      return;
    }
    checkName(errors, at, o);
    checkDescription(errors, at, o);
    if (typeof o.name === "string") {
      // AC: "name must be unique within an array of application command options".
      if (seen.has(o.name))
        errors.add(
          [...at, "name"],
          fake("APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS", "Option name already exists"),
        );
      seen.add(o.name);
    }
    // AC, "Subcommands and Subcommand Groups": subcommands and groups do not mix with other options; a group holds
    // subcommands only; a subcommand holds neither ("That is the only kind of nesting supported").
    if (
      (someNested && !nested(o)) ||
      (parent === Type.Group && o.type !== Type.Sub) ||
      (parent === Type.Sub && nested(o))
    )
      errors.add(at, mixedTypes());
    // AC: "Required options must be listed before optional options".
    if (o.required === true && sawOptional) errors.add(at, requiredAfterOptional());
    if (!nested(o) && o.required !== true) sawOptional = true;
    if (Array.isArray(o.choices) && o.choices.length > MAX_OPTIONS)
      errors.add([...at, "choices"], maxLength(MAX_OPTIONS));
    // AC: "autocomplete may not be set to true if choices are present".
    if (o.autocomplete === true && Array.isArray(o.choices) && o.choices.length > 0)
      errors.add(
        [...at, "autocomplete"],
        fake("APPLICATION_COMMAND_AUTOCOMPLETE_INVALID", "Autocomplete cannot be set with choices"),
      );
    if (o.channel_types !== undefined && o.type !== Type.Channel)
      errors.add(
        [...at, "channel_types"],
        fake("APPLICATION_COMMAND_OPTION_FIELD_INVALID", "channel_types is only valid for CHANNEL options"),
      );
    // AC: min_length "minimum of 0, maximum of 6000"; max_length "minimum of 1, maximum of 6000".
    for (const [field, low] of [
      ["min_length", 0],
      ["max_length", 1],
    ] as const) {
      const v = o[field];
      if (v !== undefined && (typeof v !== "number" || !Number.isInteger(v) || v < low || v > 6000))
        errors.add([...at, field], fake("NUMBER_TYPE_OUT_OF_RANGE", `Must be between ${low} and 6000.`));
    }
    if (nested(o)) checkOptions(errors, at, o.options, o.type as number);
    else if (o.options !== undefined) errors.add([...at, "options"], mixedTypes());
  });
}

function checkCommand(errors: FormErrors, i: number, c: Json): void {
  const at: FieldPath = [i];
  const type = c.type ?? 1;
  if (type !== 1) return; // USER and MESSAGE commands have other rules; stepcord sends none.
  checkName(errors, at, c);
  checkDescription(errors, at, c);
  checkOptions(errors, at, c.options, "command");
  // AC, "Using Default Permissions": "serialized as a string".
  const dmp = c.default_member_permissions;
  if (dmp !== undefined && dmp !== null && (typeof dmp !== "string" || !/^[0-9]+$/.test(dmp)))
    errors.add(
      [...at, "default_member_permissions"],
      fake("BASE_TYPE_STRING", "Must be a permission bit set string."),
    );
  if (commandCharacters(c) > MAX_COMMAND_CHARACTERS) errors.add(at, tooLarge());
}

/** Every form error of a bulk overwrite body; empty when Discord would accept it. */
export function applicationCommandListErrors(body: unknown): FormErrors {
  const errors = new FormErrors();
  if (!Array.isArray(body)) {
    errors.add([], notList());
    return errors;
  }
  const names = new Set<string>();
  body.forEach((c, i) => {
    if (!isObject(c)) {
      errors.add([i], notObject());
      return;
    }
    checkCommand(errors, i, c);
    // AC, "Registering a Command": names are unique "per application, per type, within each scope".
    const key = `${String(c.type ?? 1)}:${String(c.name)}`;
    if (names.has(key))
      errors.add(
        [i, "name"],
        fake("APPLICATION_COMMANDS_DUPLICATE_NAME", `Application command names must be unique`),
      );
    names.add(key);
  });
  return errors;
}
