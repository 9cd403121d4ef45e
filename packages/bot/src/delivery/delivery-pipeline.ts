import { setTimeout as sleep } from "node:timers/promises";
import type { VoiceEventBatch, VoiceEventInput } from "@stepcord/events";
import type { Logger } from "pino";
import type { Connection } from "../config/connection.js";
import { errorMessage } from "../error-message.js";
import { Batcher } from "./batcher.js";
import { Deliverer } from "./deliverer.js";
import { DEFAULT_DESTINATION } from "./delivery-pacer.js";
import type { Destinations } from "./destinations.js";
import { executionOutcome, stepFunctionsEndpoint } from "./execution-outcome.js";
import { Outbox, type OutboxEntry, type OutboxFs, type VoiceCheckpoint } from "./outbox.js";

export interface DeliveryPipelineOptions extends Connection {
  outboxDir: string;
  /** STEPFUNCTIONS_ENDPOINT: where a STANDARD stack's executions are described (see stepFunctionsEndpoint). */
  stepFunctionsEndpoint?: string | undefined;
  windowMs: number;
  /** Whether a guild's batches go out silently now (its quiet hours). */
  quietFor: (guildId: string) => boolean;
  /** Where each guild's notices go: what has none is dropped here, and a batch never mixes two lanes. */
  destinations: Destinations;
  logger: Logger;
  /**
   * The monotonic clock the outbox's queue times, the batching window and the waits run on: `performance.now` in
   * start(), never the wall clock, which can step (decision 0044) or stand still (the demo's clock, decision 0042).
   */
  now: () => number;
  /** The outbox's file calls (tests fail writes with it). @default node:fs */
  outboxFs?: OutboxFs;
  /** Waits between tries of a batch file that could not be written (tests end them by hand). @default a timer */
  outboxWait?: (ms: number) => Promise<void>;
}

/** The way out of the bot: events → batcher → durable outbox → deliverer (SigV4 POST, until an outcome is known). */
export interface DeliveryPipeline {
  add(event: VoiceEventInput): void;
  /** Batches in the outbox (the batch files on disk once their writes land) and events not yet written. */
  depth(): number;
  lastDeliveryAt(): string | null;
  /** Why batch files cannot be written now (the outbox keeps trying), for /healthz; undefined while they land. */
  writeTrouble(): string | undefined;
  /** The newest voice snapshot each guild's queued batches carry (decision 0042). */
  voiceCheckpoints(): Map<string, VoiceCheckpoint>;
  /**
   * Gives each batch the voice snapshot of its guild when it is queued (`voiceOf`), says when its file has landed
   * (`landed`: the snapshot may now be saved up to it), and is told before a batch's file goes (`settle`), so the
   * snapshot can be saved first. start.ts connects these to the voice snapshot store.
   */
  connectVoice<C extends VoiceCheckpoint>(voice: {
    voiceOf: (guildId: string) => C | undefined;
    landed: (checkpoint: C) => void;
    settle: (entry: OutboxEntry) => Promise<void>;
  }): void;
  /** Settles when every event added before the call is in a batch file on disk (or its write failed). */
  durable(): Promise<void>;
  /** Sends what is queued now, without waiting for its batching window. */
  flush(): Promise<void>;
  /** Queues the batcher's events and stops the deliverer after its current attempt; undelivered batches stay on disk. */
  stop(): Promise<void>;
}

/**
 * Opens the outbox (batches left by an earlier process are resent first, unchanged) and starts delivering. An event whose
 * guild has no destination goes no further (`Destinations.admits`, logged once per guild). Every event
 * is written to the outbox on the next turn of the event loop; the batching window is the deliverer's: a batch is held
 * that long after it was queued and merged on disk with the later ones of its guild, so a crash inside the window
 * loses nothing.
 */
export async function startDelivery(options: DeliveryPipelineOptions): Promise<DeliveryPipeline> {
  const { logger, now } = options;
  let deliverer: Deliverer | undefined;
  const outbox = new Outbox(options.outboxDir, {
    ...(options.outboxFs === undefined ? {} : { fs: options.outboxFs }),
    ...(options.outboxWait === undefined ? {} : { wait: options.outboxWait }),
    onWriteFailed: ({ name, attempt, waitMs, error }) =>
      logger.error(
        { file: name, attempt, waitMs, err: errorMessage(error), code: "OUTBOX_WRITE_FAILED" },
        "could not write a batch file; trying again (nothing of its guild is sent, nor its voice saved, until it lands)",
      ),
    onWriteRecovered: (name) => {
      logger.info({ file: name }, "batch file written after failures");
      deliverer?.kick();
    },
  });
  await outbox.init();
  const { endpoint, credentials, region, destinations } = options;
  let voice:
    | {
        voiceOf: (guildId: string) => VoiceCheckpoint | undefined;
        landed: (checkpoint: VoiceCheckpoint) => void;
        settle: (entry: OutboxEntry) => Promise<void>;
      }
    | undefined;
  const laneOf = (event: VoiceEventInput) => destinations.laneOf(event) ?? event.guild.id;
  const describeAt = stepFunctionsEndpoint({
    configured: options.stepFunctionsEndpoint,
    eventsEndpoint: endpoint,
    region,
  });
  deliverer = new Deliverer({
    outbox,
    endpoint,
    credentials,
    region,
    logger,
    now,
    holdMs: options.windowMs,
    // Pacing by lane and webhook (issue 14, item 4): a 429 on one webhook holds only the lanes behind it, a channel
    // override's apart from its server's.
    rateLimitKeyOf: (batch) =>
      batch.events[0] === undefined ? DEFAULT_DESTINATION : destinations.rateLimitKeyOf(batch.events[0]),
    settle: (entry) => voice?.settle(entry) ?? Promise.resolve(),
    laneOf: (batch) => (batch.events[0] === undefined ? "" : laneOf(batch.events[0])),
    ...(describeAt === undefined
      ? {}
      : {
          executionOutcome: (executionArn: string, signal: AbortSignal) =>
            executionOutcome(executionArn, {
              endpoint: describeAt,
              credentials,
              region,
              logger,
              now,
              sleep: (ms) => sleep(ms, undefined, { signal }),
              signal,
            }),
        }),
  });
  deliverer.start();
  /** Batches queued so far, and the last wait for every write: `durable` reuses it while no batch came since. */
  let puts = 0;
  let barrier: { puts: number; written: Promise<void> } | undefined;
  const batcher = new Batcher({
    windowMs: 0,
    quietFor: options.quietFor,
    laneOf,
    sink: async (batches: VoiceEventBatch[]) => {
      puts += batches.length;
      const written = batches.map((batch) => {
        const checkpoint = voice?.voiceOf(batch.events[0]?.guild.id ?? "");
        return outbox.put(batch, now(), checkpoint).then((name) => {
          if (checkpoint) voice?.landed(checkpoint);
          return name;
        });
      });
      deliverer.kick();
      await Promise.all(written);
      for (const batch of batches)
        logger.info(
          { batchId: batch.batchId, events: batch.events.map((e) => e.id), quiet: batch.quiet },
          "batch queued",
        );
    },
  });
  return {
    add(event) {
      if (destinations.admits(event)) batcher.add(event);
    },
    // The outbox's own count, not the deliverer's last listing, which goes stale while a send hangs or backs off.
    depth: () => outbox.size + batcher.size,
    lastDeliveryAt: () => deliverer.lastDeliveryAt,
    writeTrouble: () => outbox.writeTrouble(),
    voiceCheckpoints: () => outbox.voiceCheckpoints(),
    connectVoice(connection) {
      voice = connection as NonNullable<typeof voice>;
    },
    async durable() {
      // The flush starts every pending event's write at once, so allWritten() covers them; events added meanwhile
      // are the next call's (a loop until nothing is pending could wait forever under a steady stream).
      await batcher.flush();
      // At a shard's ready every guild asks; one wait serves all of them while no batch was queued in between.
      if (barrier?.puts !== puts) barrier = { puts, written: outbox.allWritten() };
      await barrier.written;
    },
    async flush() {
      await batcher.flush();
      deliverer.release();
    },
    async stop() {
      const flushed = batcher.flush();
      await deliverer.stop();
      // A write that keeps failing must not hold the shutdown forever: its batch is lost with the process (logged).
      outbox.close();
      await flushed.catch((error: unknown) =>
        logger.error(
          { err: errorMessage(error), code: "OUTBOX_WRITE_FAILED" },
          "stopped with batches that could not be written: their voice changes are lost",
        ),
      );
    },
  };
}
