import type { Health } from "./health-server.js";
import type { RateLimitReason } from "./rate-limit-reason.js";

/** What the bot's health is read from: the gateway and the delivery pipeline (structural, so health/ imports neither). */
export interface HealthSources {
  ready: () => boolean;
  outboxDepth: () => number;
  lastDeliveryAt: () => string | null;
  /** Why batch files cannot be written now; undefined while they can. */
  writeTrouble: () => string | undefined;
  rateLimits: RateLimitReason;
}

/**
 * Batch files that cannot be written are kept and tried again, but the bot is not healthy meanwhile: a restart (or a
 * full disk left as it is) would lose them. The write trouble wins over any other reason.
 */
export function withWriteTrouble(health: Health, trouble: string | undefined): Health {
  return trouble === undefined ? health : { ...health, ready: false, reason: trouble };
}

/** /healthz's answer: the 429 being waited out as its reason while not ready, and a failing outbox write over that. */
export function botHealth(sources: HealthSources): () => Health {
  return () =>
    withWriteTrouble(
      sources.rateLimits.explain({
        ready: sources.ready(),
        outboxDepth: sources.outboxDepth(),
        lastDeliveryAt: sources.lastDeliveryAt(),
      }),
      sources.writeTrouble(),
    );
}
