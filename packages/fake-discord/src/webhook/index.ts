export type { DiscordErrorBody, ErrorTree, FieldError } from "./discord-error.js";
export { DiscordApiError } from "./discord-error.js";
export { startFakeDiscordWebhook } from "./fake-webhook-server.js";
export { MESSAGE_LIMITS, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS } from "./message-limits.js";
export type { RateLimitConfig, RateLimitDecision } from "./rate-limiter.js";
export { DISCORD_WEBHOOK_RATE_LIMIT, WebhookRateLimiter } from "./rate-limiter.js";
export { renderChannel, renderMarkup } from "./render-channel.js";
export type {
  AcceptedMessage,
  ChannelNames,
  FakeDiscordWebhook,
  FakeWebhookOptions,
  Fault,
  RecordedRequest,
} from "./types.js";
export { validateWebhookMessage } from "./validate-message.js";
export { DEFAULT_CHANNEL_ID, DEFAULT_WEBHOOK_ID, TOKEN_PLACEHOLDER } from "./webhook-token.js";
