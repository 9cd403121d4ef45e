export type { DiscordErrorBody, ErrorTree, FieldError } from "./discord-error.js";
export { DiscordApiError } from "./discord-error.js";
export { startFakeDiscordWebhook } from "./fake-webhook-server.js";
export { parseFaultList } from "./fault-injection.js";
export { DISCORD_INVALID_REQUEST_LIMIT, type InvalidRequestLimit } from "./invalid-request-counter.js";
export { MESSAGE_LIMITS, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS } from "./message-limits.js";
export { CHANNEL_WRITE_LIMIT_MESSAGE, DISCORD_CHANNEL_WRITE_LIMIT } from "./rate-limit-buckets.js";
export type { RateLimitConfig, RateLimitDecision } from "./rate-limiter.js";
export { DISCORD_WEBHOOK_RATE_LIMIT, WebhookRateLimiter } from "./rate-limiter.js";
export { renderChannel, renderMarkup } from "./render-channel.js";
export type {
  AcceptedMessage,
  ChannelNames,
  FakeDiscordWebhook,
  FakeWebhookOptions,
  Fault,
  HangFault,
  RecordedRequest,
  StatusFault,
} from "./types.js";
export { validateWebhookMessage } from "./validate-message.js";
export { DEFAULT_CHANNEL_ID, DEFAULT_WEBHOOK_ID, TOKEN_PLACEHOLDER } from "./webhook-token.js";
