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
  message: "Webhook messages may only set SUPPRESS_EMBEDS (4) and SUPPRESS_NOTIFICATIONS (4096).",
});
