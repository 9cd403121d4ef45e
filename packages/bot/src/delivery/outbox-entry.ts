import type { VoiceEventBatch } from "@stepcord/events";

/**
 * What this process knows of a batch's last send:
 * - `never`: queued by this process and not sent yet: it may be merged with others of its guild.
 * - `not-posted`: its last send ended rate-limited: certainly not in Discord, so it may be merged too.
 * - `unknown`: sent without an answer that says what became of it (in flight, a 5xx, a lost answer), or left by an
 *   earlier process: it is resent unchanged, with its batch id, so the workflow's ledger can answer `duplicate`.
 */
export type SendState = "never" | "not-posted" | "unknown";

/** A guild's voice snapshot as it was when a batch was queued; the tracker's own data, opaque to the outbox. */
export interface VoiceCheckpoint {
  guildId: string;
  /** Orders checkpoints, across restarts too; absent in files written before decision 0044. */
  seq?: number | undefined;
  /** Wall time it was taken: its age after a restart. */
  atMs: number;
  members: unknown[];
}

/** A batch's file: the batch (the POST body) and the voice snapshot it brings the saved one up to (decision 0042). */
export interface Envelope {
  batch: VoiceEventBatch;
  voice?: VoiceCheckpoint | undefined;
  /** Written before the first POST: a file without it was certainly never sent, so it may still merge after a crash. */
  sent?: true | undefined;
  parked?: { code: number | null; cause: string; atMs: number } | undefined;
  rejected?: { cause: string; atMs: number } | undefined;
}

export interface OutboxEntry {
  readonly name: string;
  batch: VoiceEventBatch;
  voice: VoiceCheckpoint | undefined;
  /**
   * When it was queued, on the deliverer's monotonic clock (the batching window runs from it); minus infinity for a
   * file an earlier process left, whose window is long over.
   */
  readonly queuedAtMs: number;
  /** The guild of its events (a batch never mixes guilds): the delivery lane it waits in. */
  readonly guildId: string;
  sent: SendState;
  /** Whether its file says `sent` (written before its first POST). */
  sentOnDisk: boolean;
}

/**
 * A batch file: an envelope, or a bare batch as versions before 0042 wrote them (read as sent: they kept no mark, so it
 * may have been).
 */
export function readEnvelope(text: string): Envelope {
  const parsed = JSON.parse(text) as Envelope | VoiceEventBatch;
  return "batchId" in parsed ? { batch: parsed, sent: true } : parsed;
}

export function toEntry(name: string, envelope: Envelope, sent: SendState): OutboxEntry {
  return {
    sentOnDisk: envelope.sent === true,
    name,
    batch: envelope.batch,
    voice: envelope.voice,
    queuedAtMs: Number.NEGATIVE_INFINITY,
    guildId: envelope.batch.events[0]?.guild.id ?? "",
    sent,
  };
}

/** A batch file's number: the digits before its first `-` (wall-clock milliseconds in files before decision 0044). */
export function fileNumber(name: string): number {
  const number = Number(name.slice(0, name.indexOf("-")));
  return Number.isSafeInteger(number) ? number : 0;
}
