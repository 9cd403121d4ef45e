/**
 * Discord's documented limits for Execute Webhook bodies (discord/discord-api-docs developers/resources/message.mdx,
 * "Embed Limits": measured after trimming leading and trailing whitespace; webhook.mdx for the username's 80).
 */
export const MESSAGE_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  username: 80,
  allowedMentionIds: 100,
  /** An embed colour is an RGB integer, 0 to 0xFFFFFF. */
  color: 0xffffff,
} as const;

export const SUPPRESS_EMBEDS = 1 << 2;
export const SUPPRESS_NOTIFICATIONS = 1 << 12;
export const IS_COMPONENTS_V2 = 1 << 15;
/**
 * The flags Execute Webhook takes: "only SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS and IS_COMPONENTS_V2 can be set"
 * (discord/discord-api-docs developers/resources/webhook.mdx, Execute Webhook's JSON params).
 */
export const WEBHOOK_SETTABLE_FLAGS = SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS | IS_COMPONENTS_V2;

/**
 * Substrings a webhook's name may not contain, case-insensitively (webhook.mdx, Create Webhook). Execute Webhook's
 * `username` override is held to the same rule: Discord answers it 50035 `USERNAME_INVALID_CONTAINS` on `username`
 * (quoted from Discord's reply in Xujiayao/Discord-MC-Chat issue 286 and python-discord/bot pull request 1009).
 */
export const FORBIDDEN_USERNAME_SUBSTRINGS = ["clyde", "discord"] as const;

export const ALLOWED_MENTION_TYPES = ["roles", "users", "everyone"] as const;

/**
 * Discord counts Unicode code points (its backend is Python), not UTF-16 units as `String#length` does, and counts
 * after trimming leading and trailing whitespace ("Leading and trailing whitespace characters are not included (they
 * are trimmed automatically)", message.mdx, Embed Limits).
 */
export const charCount = (text: string): number => {
  let count = 0;
  for (const _ of text.trim()) count += 1;
  return count;
};
