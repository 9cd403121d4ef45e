import type { FieldError } from "./discord-error.js";
import { emptyMessage, invalidFormBody } from "./discord-error.js";
import {
  badLength,
  choices,
  embedSizeExceeded,
  type FieldPath,
  FormErrors,
  invalidFlags,
  legacyFieldWithComponentsV2,
  maxLength,
  notInteger,
  notIso8601,
  notList,
  notObject,
  notString,
  numberTooLarge,
  numberTooSmall,
  parseExclusive,
  required,
  usernameContains,
} from "./form-errors.js";
import {
  ALLOWED_MENTION_TYPES,
  charCount,
  FORBIDDEN_USERNAME_SUBSTRINGS,
  IS_COMPONENTS_V2,
  MESSAGE_LIMITS,
  WEBHOOK_SETTABLE_FLAGS,
} from "./message-limits.js";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** Checks an optional string field's type and length; returns its character count (0 when absent or invalid). */
function checkString(
  errors: FormErrors,
  path: FieldPath,
  value: unknown,
  max: number,
  isRequired = false,
): number {
  if (!present(value)) {
    if (isRequired) errors.add(path, required());
    return 0;
  }
  if (typeof value !== "string") {
    errors.add(path, notString(value));
    return 0;
  }
  const length = charCount(value);
  // A required string that trims to nothing is as missing as an absent one (embed field names and values).
  if (isRequired && length === 0) errors.add(path, required());
  else if (length > max) errors.add(path, maxLength(max));
  return length;
}

// ISO 8601 as Discord's embed timestamps take it: a date, optionally a time with seconds and fraction, and a zone.
const ISO8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** True when `text` is an ISO 8601 date or date-time naming a real calendar moment (no 13th month, no 30 February). */
export function isIso8601(text: string): boolean {
  const match = ISO8601.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match
    .slice(1)
    .map((part) => Number(part ?? 0)) as number[];
  const date = new Date(Date.UTC(year as number, (month as number) - 1, day));
  return (
    date.getUTCMonth() === (month as number) - 1 &&
    date.getUTCDate() === day &&
    (hour as number) < 24 &&
    (minute as number) < 60 &&
    (second as number) < 60
  );
}

function checkTimestamp(errors: FormErrors, path: FieldPath, value: unknown): void {
  if (!present(value)) return;
  if (typeof value !== "string" || !isIso8601(value)) errors.add(path, notIso8601(value));
}

function checkColor(errors: FormErrors, path: FieldPath, value: unknown): void {
  if (!present(value)) return;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) errors.add(path, notInteger(value));
  else if (value > MESSAGE_LIMITS.color) errors.add(path, numberTooLarge(MESSAGE_LIMITS.color));
  else if (value < 0) errors.add(path, numberTooSmall(0));
}

/** Validates one embed and returns the characters it contributes to the 6000 total. */
function checkEmbed(errors: FormErrors, index: number, embed: unknown): number {
  const at = (...rest: Array<string | number>): FieldPath => ["embeds", index, ...rest];
  if (!isObject(embed)) {
    errors.add(at(), notObject());
    return 0;
  }
  checkTimestamp(errors, at("timestamp"), embed.timestamp);
  checkColor(errors, at("color"), embed.color);
  let total = checkString(errors, at("title"), embed.title, MESSAGE_LIMITS.title);
  total += checkString(errors, at("description"), embed.description, MESSAGE_LIMITS.description);
  const footer = embed.footer;
  if (present(footer)) {
    if (isObject(footer))
      total += checkString(errors, at("footer", "text"), footer.text, MESSAGE_LIMITS.footerText, true);
    else errors.add(at("footer"), notObject());
  }
  const author = embed.author;
  if (present(author)) {
    if (isObject(author))
      total += checkString(errors, at("author", "name"), author.name, MESSAGE_LIMITS.authorName, true);
    else errors.add(at("author"), notObject());
  }
  const fields = embed.fields;
  if (present(fields)) {
    if (!Array.isArray(fields)) errors.add(at("fields"), notList());
    else {
      if (fields.length > MESSAGE_LIMITS.fields) errors.add(at("fields"), maxLength(MESSAGE_LIMITS.fields));
      for (const [i, field] of (fields as unknown[]).entries()) {
        if (!isObject(field)) {
          errors.add(at("fields", i), notObject());
          continue;
        }
        total += checkString(errors, at("fields", i, "name"), field.name, MESSAGE_LIMITS.fieldName, true);
        total += checkString(errors, at("fields", i, "value"), field.value, MESSAGE_LIMITS.fieldValue, true);
      }
    }
  }
  return total;
}

function checkEmbeds(errors: FormErrors, embeds: unknown): void {
  if (!present(embeds)) return;
  if (!Array.isArray(embeds)) {
    errors.add(["embeds"], notList());
    return;
  }
  if (embeds.length > MESSAGE_LIMITS.embeds) errors.add(["embeds"], maxLength(MESSAGE_LIMITS.embeds));
  // The 6000-character budget is shared by all embeds of one message, so the error sits on `embeds` itself.
  const total = embeds.reduce<number>((sum, embed, i) => sum + checkEmbed(errors, i, embed), 0);
  if (total > MESSAGE_LIMITS.embedTotal) errors.add(["embeds"], embedSizeExceeded(MESSAGE_LIMITS.embedTotal));
}

function checkIdList(errors: FormErrors, path: FieldPath, value: unknown): boolean {
  if (!present(value)) return false;
  if (!Array.isArray(value)) {
    errors.add(path, notList());
    return false;
  }
  if (value.length > MESSAGE_LIMITS.allowedMentionIds)
    errors.add(path, maxLength(MESSAGE_LIMITS.allowedMentionIds));
  return value.length > 0;
}

function checkAllowedMentions(errors: FormErrors, allowed: unknown): void {
  if (!present(allowed)) return;
  if (!isObject(allowed)) {
    errors.add(["allowed_mentions"], notObject());
    return;
  }
  const parse = allowed.parse;
  const parsed = new Set<string>();
  if (present(parse)) {
    if (!Array.isArray(parse)) errors.add(["allowed_mentions", "parse"], notList());
    else
      parse.forEach((kind: unknown, i) => {
        if (typeof kind === "string" && (ALLOWED_MENTION_TYPES as readonly string[]).includes(kind))
          parsed.add(kind);
        else errors.add(["allowed_mentions", "parse", i], choices(ALLOWED_MENTION_TYPES));
      });
  }
  // Discord rejects parse:["users"] together with an explicit users list (same for roles): the two would conflict.
  for (const kind of ["users", "roles"] as const) {
    const listed = checkIdList(errors, ["allowed_mentions", kind], allowed[kind]);
    if (listed && parsed.has(kind)) errors.add(["allowed_mentions"], parseExclusive(kind));
  }
}

function checkFlags(errors: FormErrors, body: Json, settable: SettableFlags): void {
  const flags = body.flags;
  if (!present(flags)) return;
  if (typeof flags !== "number" || !Number.isSafeInteger(flags) || flags < 0) {
    errors.add(["flags"], notInteger(flags));
    return;
  }
  if ((flags & ~settable.mask) !== 0) errors.add(["flags"], settable.error());
  // A components-v2 message "can only contain components" (webhook.mdx, Execute Webhook).
  if ((flags & IS_COMPONENTS_V2) !== 0)
    for (const field of ["content", "embeds", "poll"] as const)
      if (present(body[field])) errors.add([field], legacyFieldWithComponentsV2(field));
}

function checkUsername(errors: FormErrors, username: unknown): void {
  if (!present(username)) return;
  if (typeof username !== "string") {
    errors.add(["username"], notString(username));
    return;
  }
  const length = charCount(username);
  if (length < 1 || length > MESSAGE_LIMITS.username)
    errors.add(["username"], badLength(1, MESSAGE_LIMITS.username));
  const lower = username.toLowerCase();
  for (const word of FORBIDDEN_USERNAME_SUBSTRINGS)
    if (lower.includes(word)) errors.add(["username"], usernameContains(word));
}

/** Which message flags a route lets a caller set, and the error for any other. */
export interface SettableFlags {
  mask: number;
  error: () => FieldError;
}

const WEBHOOK_FLAGS: SettableFlags = { mask: WEBHOOK_SETTABLE_FLAGS, error: invalidFlags };

const hasItems = (value: unknown): boolean => Array.isArray(value) && value.length > 0;

/**
 * Applies Execute Webhook's body rules in Discord's order: form errors (50035) first,
 * then the empty-message check (50006). Throws {@link DiscordApiError}; returns nothing on success.
 */
export function validateWebhookMessage(body: Json, settable: SettableFlags = WEBHOOK_FLAGS): void {
  const errors = new FormErrors();
  checkString(errors, ["content"], body.content, MESSAGE_LIMITS.content);
  checkEmbeds(errors, body.embeds);
  checkAllowedMentions(errors, body.allowed_mentions);
  checkFlags(errors, body, settable);
  checkUsername(errors, body.username);
  if (!errors.isEmpty) throw invalidFormBody(errors.toTree());

  // Discord trims content, so whitespace alone is an empty message.
  const content = body.content;
  const hasContent = typeof content === "string" && content.trim().length > 0;
  const hasSomething =
    hasContent ||
    hasItems(body.embeds) ||
    hasItems(body.components) ||
    hasItems(body.attachments) ||
    hasItems(body.sticker_ids) ||
    isObject(body.poll);
  if (!hasSomething) throw emptyMessage();
}
