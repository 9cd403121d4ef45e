import type { ErrorTree, FieldError } from "./discord-error.js";

/** A path into the request body, e.g. `["embeds", 0, "description"]`. */
export type FieldPath = ReadonlyArray<string | number>;

/**
 * Collects every validation failure before answering, because Discord reports all
 * offending fields of a body at once rather than stopping at the first.
 */
export class FormErrors {
  private readonly tree: ErrorTree = {};
  private count = 0;

  add(path: FieldPath, error: FieldError): void {
    let node: ErrorTree = this.tree;
    for (const segment of path) {
      const key = String(segment);
      const child = node[key];
      if (child === undefined || Array.isArray(child)) {
        const created: ErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = child;
      }
    }
    const existing = node._errors;
    if (Array.isArray(existing)) existing.push(error);
    else node._errors = [error];
    this.count += 1;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  toTree(): ErrorTree {
    return this.tree;
  }
}

// The codes and messages below are the strings Discord's API returns (see decision 0050 for sources).
export const maxLength = (max: number): FieldError => ({
  code: "BASE_TYPE_MAX_LENGTH",
  message: `Must be ${max} or fewer in length.`,
});

export const badLength = (min: number, max: number): FieldError => ({
  code: "BASE_TYPE_BAD_LENGTH",
  message: `Must be between ${min} and ${max} in length.`,
});

export const required = (): FieldError => ({ code: "BASE_TYPE_REQUIRED", message: "This field is required" });

export const choices = (values: readonly string[]): FieldError => ({
  code: "BASE_TYPE_CHOICES",
  message: `Value must be one of (${values.map((v) => `'${v}'`).join(", ")}).`,
});

export const notString = (value: unknown): FieldError => ({
  code: "BASE_TYPE_STRING",
  message: `Could not interpret ${JSON.stringify(value)} as string.`,
});

export const notList = (): FieldError => ({ code: "BASE_TYPE_LIST", message: "Must be an array." });

export const notObject = (): FieldError => ({
  code: "DICT_TYPE_CONVERT",
  message: "Only dictionaries may be used in a DictType",
});

export const notInteger = (value: unknown): FieldError => ({
  code: "NUMBER_TYPE_COERCE",
  message: `Value ${JSON.stringify(value)} is not int.`,
});

export const embedSizeExceeded = (max: number): FieldError => ({
  code: "MAX_EMBED_SIZE_EXCEEDED",
  message: `Embed size exceeds maximum size of ${max}`,
});

export const parseExclusive = (kind: string): FieldError => ({
  code: "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
  message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
});

export const invalidFlags = (): FieldError => ({
  code: "MESSAGE_FLAGS_INVALID",
  message:
    "Webhook messages may only set SUPPRESS_EMBEDS (4), SUPPRESS_NOTIFICATIONS (4096) and IS_COMPONENTS_V2 (32768).",
});

// Quoted from Discord's 50035 answers reported in Xujiayao/Discord-MC-Chat issue 286.
export const usernameContains = (word: string): FieldError => ({
  code: "USERNAME_INVALID_CONTAINS",
  message: `Username cannot contain "${word}"`,
});

// The docs give the type ("ISO8601 timestamp", message.mdx embed object); the code and text are the fake's, in the
// pattern of Discord's other type errors.
export const notIso8601 = (value: unknown): FieldError => ({
  code: "DATE_TIME_TYPE_PARSE",
  message: `Could not parse ${JSON.stringify(value)}. Should be ISO8601.`,
});

// The docs say "color code"; the 0..0xFFFFFF range is the RGB space (discord-api-spec issue 8). Code and text are the
// fake's, in the pattern of Discord's number errors.
export const numberTooLarge = (max: number): FieldError => ({
  code: "NUMBER_TYPE_MAX",
  message: `int value should be less than or equal to ${max}.`,
});

export const numberTooSmall = (min: number): FieldError => ({
  code: "NUMBER_TYPE_MIN",
  message: `int value should be greater than or equal to ${min}.`,
});

// webhook.mdx: with IS_COMPONENTS_V2, "Providing content, embeds, files[n] or poll will fail with a 400 BAD
// REQUEST response". The code and text are the fake's.
export const legacyFieldWithComponentsV2 = (field: string): FieldError => ({
  code: "MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2",
  message: `The '${field}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
});

// Discord's answer to a snowflake field that is not one, as clients quote it from real responses (e.g. "Invalid Form
// Body\nmessage_id: Value \"...\" is not snowflake.").
export const notSnowflake = (value: string): FieldError => ({
  code: "NUMBER_TYPE_COERCE",
  message: `Value ${JSON.stringify(value)} is not snowflake.`,
});

// reference.mdx, "Boolean Query Strings": True, true or 1 for true; False, false or 0 for false. The code and text
// for anything else are the fake's.
export const notBoolean = (value: string): FieldError => ({
  code: "BOOLEAN_TYPE_CONVERT",
  message: `Could not interpret ${JSON.stringify(value)} as a boolean (True, true, 1, False, false, 0).`,
});
