export {
  DEFAULT_RETRY_AFTER_MS,
  DeliveryOutcome,
  discordCodeFromCause,
  IN_FLIGHT_RETRY_MS,
  isGlobalRateLimit,
  parseDeliveryOutcome,
  readRetryAfter,
  retryAfterMsFromCause,
  SyncExecutionResponse,
} from "./delivery-outcome.js";
export {
  EXECUTION_ABORTED_ERROR,
  ExecutionDescription,
  outcomeOfDescribedExecution,
  STANDARD_EXECUTION_TIMEOUT_SECONDS,
} from "./execution-description.js";
export type { EventBatchProblem } from "./invalid-event-batch-error.js";
export { InvalidEventBatchError } from "./invalid-event-batch-error.js";
export type { CreateVoiceEventBatchOptions } from "./parse.js";
export { createVoiceEventBatch, parseVoiceEventBatch } from "./parse.js";
export { formatSessionLength } from "./session-length.js";
export type { VoiceEventBatchInput, VoiceEventInput } from "./voice-event.js";
export {
  ChannelRef,
  EVENT_SCHEMA_VERSION,
  GuildRef,
  MAX_EVENTS_PER_BATCH,
  Session,
  Snowflake,
  UserRef,
  VOICE_EVENT_TYPES,
  VoiceEvent,
  VoiceEventBatch,
  VoiceEventType,
} from "./voice-event.js";
