/**
 * Discord's documented limits for a CHAT_INPUT command, each cited from discord/discord-api-docs
 * developers/interactions/application-commands.mdx (AC) or developers/reference.mdx (REF). Returns every finding at
 * once, each naming its field path, so a test failure says exactly what to fix.
 */
import type {
  ApplicationCommandDefinition,
  CommandOption,
} from "../../src/discord/commands/application-command.js";

// AC, "Application Command Naming": "must match the following regex ... with the unicode flag set".
const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
// REF, "Locales".
const LOCALES = new Set(
  "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th zh-CN ja zh-TW ko".split(
    " ",
  ),
);
// AC, "Slash Commands": "a maximum of 8000 characters for combined name, description, and value properties".
export const MAX_COMMAND_CHARACTERS = 8000;
// AC, option structure: "max of 25" options, "max 25" choices.
const MAX_OPTIONS = 25;
const SUB = 1;
const GROUP = 2;
const STRING = 3;
const INTEGER = 4;
const CHANNEL = 7;
const NUMBER = 10;

type Named = { name: string; name_localizations?: Record<string, string> };
type Described = { description: string; description_localizations?: Record<string, string> };

function checkName(path: string, n: Named, out: string[]): void {
  for (const [locale, value] of [
    ["default", n.name],
    ...Object.entries(n.name_localizations ?? {}),
  ] as const) {
    if (locale !== "default" && !LOCALES.has(locale))
      out.push(`${path}.name_localizations: unknown locale ${locale}`);
    if (!NAME.test(value)) out.push(`${path}.name (${locale}) "${value}" does not match the naming regex`);
    // AC, "Application Command Naming": "If there is a lowercase variant of any letters used, you must use those."
    if (value !== value.toLowerCase()) out.push(`${path}.name (${locale}) "${value}" is not lowercase`);
  }
}

function checkDescription(path: string, d: Described, out: string[]): void {
  for (const [locale, value] of [
    ["default", d.description],
    ...Object.entries(d.description_localizations ?? {}),
  ] as const) {
    if (locale !== "default" && !LOCALES.has(locale))
      out.push(`${path}.description_localizations: unknown locale ${locale}`);
    // AC: "1-100 character description"; characters, not bytes, so count code points.
    const length = [...value].length;
    if (length < 1 || length > 100)
      out.push(`${path}.description (${locale}) has ${length} characters, not 1-100`);
  }
}

/** AC, "Slash Commands": only the longest localization of each field (default included) counts. */
function longest(value: string, localizations: Record<string, string> | undefined): number {
  return Math.max([...value].length, ...Object.values(localizations ?? {}).map((v) => [...v].length));
}

function characters(
  o: Named & Described & { options?: CommandOption[]; choices?: CommandOption["choices"] },
): number {
  let total = longest(o.name, o.name_localizations) + longest(o.description, o.description_localizations);
  for (const c of o.choices ?? [])
    total += longest(c.name, c.name_localizations) + [...String(c.value)].length;
  for (const child of o.options ?? []) total += characters(child);
  return total;
}

function checkOptions(
  path: string,
  options: CommandOption[],
  parent: number | "command",
  out: string[],
): void {
  if (options.length > MAX_OPTIONS) out.push(`${path}.options has ${options.length} entries, more than 25`);
  // AC: "name must be unique within an array of application command options".
  const names = options.map((o) => o.name);
  if (new Set(names).size !== names.length) out.push(`${path}.options repeats a name: ${names.join(", ")}`);
  // AC: "Required options must be listed before optional options".
  const firstOptional = options.findIndex((o) => o.required !== true);
  if (firstOptional >= 0 && options.slice(firstOptional).some((o) => o.required === true))
    out.push(`${path}.options lists a required option after an optional one`);
  options.forEach((o, i) => {
    const at = `${path}.options[${i}](${o.name})`;
    checkName(at, o, out);
    checkDescription(at, o, out);
    // AC, "Subcommands and Subcommand Groups": a command holds groups or subcommands, a group holds subcommands only,
    // "That is the only kind of nesting supported".
    const nested = o.type === SUB || o.type === GROUP;
    if (parent === GROUP && o.type !== SUB) out.push(`${at}: a subcommand group may only hold subcommands`);
    if (parent === SUB && nested) out.push(`${at}: a subcommand cannot hold a subcommand or group`);
    if (nested && o.required !== undefined) out.push(`${at}: required is not valid on a subcommand or group`);
    if (!nested && o.options) out.push(`${at}: only subcommands and groups take options`);
    if (o.choices && o.choices.length > MAX_OPTIONS) out.push(`${at}.choices has more than 25 entries`);
    // AC: "autocomplete may not be set to true if choices are present"; valid on STRING, INTEGER, NUMBER.
    if (o.autocomplete && o.choices) out.push(`${at}: autocomplete with choices`);
    if (o.autocomplete && ![STRING, INTEGER, NUMBER].includes(o.type))
      out.push(`${at}: autocomplete on type ${o.type}`);
    if (o.channel_types && o.type !== CHANNEL) out.push(`${at}: channel_types on a non-CHANNEL option`);
    if ((o.min_value !== undefined || o.max_value !== undefined) && ![INTEGER, NUMBER].includes(o.type))
      out.push(`${at}: min_value/max_value on a non-numeric option`);
    if ((o.min_length !== undefined || o.max_length !== undefined) && o.type !== STRING)
      out.push(`${at}: min_length/max_length on a non-STRING option`);
    // AC: min_length "minimum of 0, maximum of 6000"; max_length "minimum of 1, maximum of 6000".
    if (o.min_length !== undefined && (o.min_length < 0 || o.min_length > 6000))
      out.push(`${at}.min_length out of 0-6000`);
    if (o.max_length !== undefined && (o.max_length < 1 || o.max_length > 6000))
      out.push(`${at}.max_length out of 1-6000`);
    if (o.options) checkOptions(at, o.options, o.type, out);
  });
}

/**
 * AC, "Localization": "Localized option names ... must be distinct from all other default option names of that
 * command, as well as all other option names within that locale on that command." Read strictly (across the whole
 * command, not one options array), since Discord does not say the scope is narrower.
 */
function checkLocalizedOptionNames(command: ApplicationCommandDefinition, out: string[]): void {
  const all: CommandOption[] = [];
  const walk = (options: CommandOption[] | undefined) => {
    for (const o of options ?? []) {
      if (o.type !== SUB && o.type !== GROUP) all.push(o);
      walk(o.options);
    }
  };
  walk(command.options);
  const defaults = new Set(all.map((o) => o.name));
  const byLocale = new Map<string, string[]>();
  for (const o of all)
    for (const [locale, value] of Object.entries(o.name_localizations ?? {})) {
      if (value === o.name) continue; // "Any localized values that are identical to the default will be ignored."
      if (defaults.has(value))
        out.push(`option ${o.name}: ${locale} name "${value}" equals a default option name`);
      byLocale.set(locale, [...(byLocale.get(locale) ?? []), value]);
    }
  for (const [locale, names] of byLocale)
    if (new Set(names).size !== names.length) out.push(`${locale} option names repeat: ${names.join(", ")}`);
}

export function commandLimitFindings(command: ApplicationCommandDefinition): string[] {
  const out: string[] = [];
  checkName("command", command, out);
  checkDescription("command", command, out);
  checkOptions("command", command.options ?? [], "command", out);
  checkLocalizedOptionNames(command, out);
  // AC, "Using Default Permissions": "a bitwise OR-ed set of permissions, serialized as a string".
  if (command.default_member_permissions !== null && !/^[0-9]+$/.test(command.default_member_permissions))
    out.push("command.default_member_permissions is not a decimal string");
  const total = characters(command);
  if (total > MAX_COMMAND_CHARACTERS)
    out.push(`command has ${total} characters, more than ${MAX_COMMAND_CHARACTERS}`);
  return out;
}

export function commandCharacters(command: ApplicationCommandDefinition): number {
  return characters(command);
}
