import { randomUUID } from "node:crypto";
import { InvalidEventBatchError } from "./invalid-event-batch-error.js";
import {
  EVENT_SCHEMA_VERSION,
  VoiceEventBatch,
  type VoiceEventBatchInput,
  type VoiceEventInput,
} from "./voice-event.js";

/** Validates untrusted input against the contract; throws `InvalidEventBatchError` listing every problem. */
export function parseVoiceEventBatch(input: unknown): VoiceEventBatch {
  const result = VoiceEventBatch.safeParse(input);
  if (!result.success) throw InvalidEventBatchError.fromZod(result.error);
  return result.data;
}

export interface CreateVoiceEventBatchOptions {
  readonly events: readonly VoiceEventInput[];
  /** @default false */
  readonly quiet?: boolean;
  /** @default a random UUID */
  readonly batchId?: string;
}

/** Builds a valid batch (versioned, with a fresh id) and validates it, so producers cannot emit a broken one. */
export function createVoiceEventBatch(options: CreateVoiceEventBatchOptions): VoiceEventBatch {
  const batch: VoiceEventBatchInput = {
    version: EVENT_SCHEMA_VERSION,
    batchId: options.batchId ?? randomUUID(),
    quiet: options.quiet ?? false,
    events: [...options.events],
  };
  return parseVoiceEventBatch(batch);
}
