import { randomBytes } from "node:crypto";

export const DEFAULT_WEBHOOK_ID = "1300000000000000000";
export const DEFAULT_CHANNEL_ID = "1300000000000000001";
export const TOKEN_PLACEHOLDER = "[token]";

/** 51 random bytes are exactly 68 base64url characters, the length and alphabet of Discord's webhook tokens. */
export const generateWebhookToken = (): string => randomBytes(51).toString("base64url");

/** Replaces every occurrence of the token so recordings can be logged or asserted on without leaking it. */
export const redactToken = (text: string, token: string): string =>
  token.length === 0 ? text : text.split(token).join(TOKEN_PLACEHOLDER);
