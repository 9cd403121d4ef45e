import type { VoiceEventBatch, VoiceEventInput } from "@stepcord/events";
import type { Logger } from "pino";
import type { Connection } from "../config/connection.js";
import { Batcher } from "./batcher.js";
import { Deliverer } from "./deliverer.js";
import { Outbox } from "./outbox.js";

export interface DeliveryPipelineOptions extends Connection {
  outboxDir: string;
  windowMs: number;
  /** Whether a guild's batches go out silently now (its quiet hours). */
  quietFor: (guildId: string) => boolean;
  logger: Logger;
  now: () => number;
}

/** The way out of the bot: events → batcher → durable outbox → deliverer (SigV4 POST, retried until answered). */
export interface DeliveryPipeline {
  add(event: VoiceEventInput): void;
  /** Events and batches not yet delivered. */
  depth(): number;
  lastDeliveryAt(): string | null;
  /** Sends what the batcher holds now, without waiting for its window. */
  flush(): Promise<void>;
  /** Flushes the batcher and stops the deliverer after its current attempt; undelivered batches stay on disk. */
  stop(): Promise<void>;
}

/** Opens the outbox (batches left by an earlier process are resent first) and starts delivering. */
export async function startDelivery(options: DeliveryPipelineOptions): Promise<DeliveryPipeline> {
  const { logger, now } = options;
  const outbox = new Outbox(options.outboxDir);
  await outbox.init();
  const { endpoint, credentials, region } = options;
  const deliverer = new Deliverer({ outbox, endpoint, credentials, region, logger, now });
  deliverer.start();
  const batcher = new Batcher({
    windowMs: options.windowMs,
    quietFor: options.quietFor,
    sink: async (batches: VoiceEventBatch[]) => {
      // Queue every batch, let the deliverer start sending while the durable writes complete, then wait for them.
      const written = batches.map((batch) => outbox.put(batch, now()));
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
    add: (event) => batcher.add(event),
    // The outbox's own count, not the deliverer's last listing, which goes stale while a send hangs or backs off.
    depth: () => outbox.size + batcher.size,
    lastDeliveryAt: () => deliverer.lastDeliveryAt,
    flush: () => batcher.flush(),
    async stop() {
      await batcher.flush();
      await deliverer.stop();
    },
  };
}
