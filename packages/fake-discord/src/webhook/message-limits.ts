/** Discord's documented limits for Execute Webhook bodies (message and embed object pages). */
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
} as const;

export const SUPPRESS_EMBEDS = 1 << 2;
export const SUPPRESS_NOTIFICATIONS = 1 << 12;
/** The only flags a (non-interaction) webhook may set in this fake. */
export const WEBHOOK_SETTABLE_FLAGS = SUPPRESS_EMBEDS | SUPPRESS_NOTIFICATIONS;

export const ALLOWED_MENTION_TYPES = ["roles", "users", "everyone"] as const;

/** Discord counts Unicode code points (its backend is Python), not UTF-16 units as `String#length` does. */
export const charCount = (text: string): number => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};
