import { MAX_EVENTS_PER_BATCH, type VoiceEventBatch } from "@stepcord/events";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { signedRequest } from "@stepcord/signer";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import { classifyAnswer, type DeliveryOutcome, NO_ANSWER } from "./delivery-outcome.js";
import {
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_DESTINATION,
  DEFAULT_MAX_DELAY_MS,
  DeliveryPacer,
} from "./delivery-pacer.js";
import type { Outbox, OutboxEntry } from "./outbox.js";

/** API Gateway's own integration limit is 30 s; a request unanswered by then will not be answered. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface DelivererOptions {
  outbox: Outbox;
  endpoint: string;
  credentials: Credentials | CredentialsProvider;
  region: string | undefined;
  logger: Logger;
  /** A monotonic clock: queue times, the batching window and every wait (decision 0044); a test moves it. */
  now: () => number;
  /** The wall clock, for what says when (a parked batch's `atMs`, `lastDeliveryAt`). @default Date.now */
  wallNow?: () => number;
  /** The jitter of the backoffs, in [0, 1). @default Math.random */
  random?: () => number;
  /**
   * What Discord rate-limits a batch by: its destination's webhook (`Destinations.rateLimitKeyOf`). A Discord 429
   * holds every lane with the same key, as they share that webhook's buckets; a channel override on a webhook of its
   * own is not held by its server's 429, nor the server by the override's.
   * @default every batch to DEFAULT_DESTINATION (one webhook)
   */
  rateLimitKeyOf?: (batch: VoiceEventBatch) => string;
  /** @default DEFAULT_BASE_DELAY_MS */
  baseDelayMs?: number;
  /** @default DEFAULT_MAX_DELAY_MS */
  maxDelayMs?: number;
  /** A request that has not answered by then is abandoned and retried. @default DEFAULT_REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number;
  /**
   * The batching window: a batch never sent is held this long after it was queued, gathering the later batches of
   * its guild (merged on disk), so events are durable at once and still travel together. @default 0
   */
  holdMs?: number;
  /**
   * Called before a batch leaves the outbox (delivered, parked or rejected), with its entry: the voice snapshot it
   * carries must be saved elsewhere before its file goes, or a restart would announce its changes again.
   */
  settle?: (entry: OutboxEntry) => Promise<void>;
  /**
   * The lane of a batch (its guild and destination, `Destinations.laneOf`): lanes are delivered side by side, each in
   * order (only a lane's oldest batch is sent), and a never-sent batch absorbs later ones only from its own lane, so
   * one message never mixes destinations. It must separate guilds. @default the batch's guild
   */
  laneOf?: ((batch: VoiceEventBatch) => string) | undefined;
  /** A STANDARD stack's answer names only the execution: its outcome, asked of Step Functions (execution-outcome.ts). */
  executionOutcome?: (executionArn: string, signal: AbortSignal) => Promise<DeliveryOutcome>;
}

/**
 * Sends outbox batches with a SigV4-signed POST, each lane's oldest first (a lane is a guild and destination), and acts
 * on the outcome (classifyAnswer): forgets a delivered one, parks a batch whose webhook is gone, sets aside a refused
 * one, and leaves the waits to a DeliveryPacer: Discord's 429 holds every lane of that webhook (every lane when it is
 * `global`), an in-flight claim its lane, a failure backs off its lane (and every lane when the endpoint itself
 * failed). A batch never posted absorbs the later ones of its lane, up to MAX_EVENTS_PER_BATCH events; a batch whose
 * fate is unknown is resent unchanged, with its batch id.
 */
export class Deliverer {
  lastDeliveryAt: string | null = null;
  private readonly o: DelivererOptions;
  private readonly wallNow: () => number;
  private running: Promise<void> | undefined;
  private stopped = false;
  // A kick that arrives while the loop is busy (listing, sending) must not be lost, or a batch queued at
  // that moment would wait for the next event; so a kick is remembered until the loop looks at it.
  private kicked = false;
  private wake: (() => void) | undefined;
  private readonly shutdown = new AbortController();
  /** File deletions of delivered batches still in progress; the next send does not wait for them, stop() does. */
  private readonly removals = new Set<Promise<void>>();
  /** When each lane may send next: rate limits per destination, claims and backoffs per lane. */
  private readonly pacer: DeliveryPacer;
  /** Each entry's lane and rate-limit key, worked out once (a merge keeps a batch in its lane). */
  private readonly routes = new WeakMap<OutboxEntry, { lane: string; key: string }>();
  /** Each lane's rate-limit key, for the pacer. */
  private readonly keyOfLane = new Map<string, string>();
  /** Batches queued up to this time skip the batching window (flush). */
  private releasedThroughMs = Number.NEGATIVE_INFINITY;

  constructor(options: DelivererOptions) {
    this.o = options;
    this.pacer = new DeliveryPacer({
      destinationOf: (lane) => this.keyOfLane.get(lane) ?? DEFAULT_DESTINATION,
      random: options.random ?? Math.random,
      baseDelayMs: options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
      maxDelayMs: options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
    });
    this.wallNow = options.wallNow ?? Date.now;
  }

  /** Starts draining whatever the outbox already holds (batches left by a crash are resent with the same id). */
  start(): void {
    this.running ??= this.loop();
  }

  kick(): void {
    this.kicked = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Sends the batches queued so far without waiting for the rest of their batching window. */
  release(): void {
    this.releasedThroughMs = this.o.now();
    this.kick();
  }

  /** Stops after the current attempt; a request still in flight is aborted and its batch stays in the outbox. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    this.kick();
    await this.running;
    await Promise.all(this.removals);
  }

  /** Resolves on the next kick, on stop, or after `ms` (when given); a kick that came while busy resolves at once. */
  private waitForKick(ms: number | undefined): Promise<void> {
    if (this.kicked || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.kicked = false;
      const { next, wakeInMs } = this.pick(await this.o.outbox.list(), this.o.now());
      if (next === undefined) {
        // A kick only makes pick look again: new batches never cut a wait short, they wait behind it.
        await this.waitForKick(wakeInMs);
        continue;
      }
      const outcome = await this.send(next);
      if (this.stopped) break;
      const paced = this.pacer.record(this.route(next).lane, outcome, this.o.now());
      if (paced === undefined) continue;
      const log = {
        batchId: next.batch.batchId,
        guildId: next.guildId,
        lane: this.route(next).lane,
        waitMs: paced.waitMs,
        holds: paced.holds,
      };
      // A retry was logged with its cause when it failed; a wait is news here.
      if (outcome.action === "wait")
        this.o.logger.warn({ ...log, why: outcome.why }, "batch waits; will resend");
      else this.o.logger.debug(log, "backing off");
    }
  }

  /** An entry's lane and rate-limit key (the lane's key is remembered for the pacer). */
  private route(entry: OutboxEntry): { lane: string; key: string } {
    let route = this.routes.get(entry);
    if (route === undefined) {
      route = {
        lane: this.o.laneOf?.(entry.batch) ?? entry.guildId,
        key: this.o.rateLimitKeyOf?.(entry.batch) ?? DEFAULT_DESTINATION,
      };
      this.routes.set(entry, route);
      this.keyOfLane.set(route.lane, route.key);
    }
    return route;
  }

  /**
   * The oldest lane head that may go now, or how long until one may: a lane held by the pacer (its backoff, a claim,
   * its webhook's rate limit, the endpoint's backoff), whose head is still inside the batching window, or waits for a
   * failed write of its guild (`Outbox.stalled`), is skipped, so one lane's wait never holds another's batches unless
   * they share what is waited for. Only heads go, so order holds within a lane.
   */
  private pick(entries: OutboxEntry[], nowMs: number): { next?: OutboxEntry; wakeInMs?: number } {
    const seen = new Set<string>();
    let wakeAt = Number.POSITIVE_INFINITY;
    for (const entry of entries) {
      const { lane } = this.route(entry);
      if (seen.has(lane)) continue;
      seen.add(lane);
      // Its write is tried again with back-off; the outbox kicks when it lands.
      if (this.o.outbox.stalled(entry)) continue;
      const notBefore = Math.max(
        this.pacer.notBefore(lane),
        entry.sent === "never" && entry.queuedAtMs > this.releasedThroughMs
          ? entry.queuedAtMs + (this.o.holdMs ?? 0)
          : 0,
      );
      if (notBefore <= nowMs) return { next: entry };
      wakeAt = Math.min(wakeAt, notBefore);
    }
    return Number.isFinite(wakeAt) ? { wakeInMs: wakeAt - nowMs } : {};
  }

  /**
   * A head never posted takes in the following never-sent batches of its guild and lane (same quiet flag) up to
   * MAX_EVENTS_PER_BATCH events, the last of them split if it does not fit whole, so every message but the last is full.
   */
  private async coalesce(head: OutboxEntry): Promise<void> {
    if (head.sent === "unknown") return this.o.outbox.prepareSend(head);
    const absorbed: OutboxEntry[] = [];
    let partial: { entry: OutboxEntry; count: number } | undefined;
    let events = head.batch.events.length;
    for (const entry of await this.o.outbox.list()) {
      if (entry === head || entry.guildId !== head.guildId || entry.name < head.name) continue;
      if (this.route(entry).lane !== this.route(head).lane) continue;
      if (
        events >= MAX_EVENTS_PER_BATCH ||
        entry.sent !== "never" ||
        entry.batch.quiet !== head.batch.quiet ||
        this.o.outbox.stalled(entry)
      )
        break;
      if (events + entry.batch.events.length > MAX_EVENTS_PER_BATCH) {
        // Never posted, so it can be split: the head leaves full, the rest waits in its own file.
        partial = { entry, count: MAX_EVENTS_PER_BATCH - events };
        break;
      }
      events += entry.batch.events.length;
      absorbed.push(entry);
    }
    await this.o.outbox.prepareSend(head, absorbed, partial);
  }

  private async send(entry: OutboxEntry): Promise<DeliveryOutcome> {
    const { batchId } = entry.batch;
    try {
      // Nothing goes out before its file has landed, marked sent: a post whose batch a crash then lost would be
      // announced again, and a file without the mark is taken after a crash as never sent, free to merge.
      await this.coalesce(entry);
    } catch (error) {
      this.o.logger.warn({ batchId, err: errorMessage(error) }, "could not write a batch; will retry");
      return NO_ANSWER;
    }
    const body = JSON.stringify(entry.batch);
    if (entry.sent !== "unknown") entry.sent = "unknown";
    let outcome: DeliveryOutcome;
    let statusCode: number | undefined;
    try {
      const res = await signedRequest(this.o.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        credentials: this.o.credentials,
        service: "execute-api",
        ...(this.o.region ? { region: this.o.region } : {}),
        signal: AbortSignal.any([
          this.shutdown.signal,
          AbortSignal.timeout(this.o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
        ]),
      });
      statusCode = res.statusCode;
      outcome = classifyAnswer(res.statusCode, await res.body.text());
      if (
        outcome.action === "delivered" &&
        outcome.how === "started" &&
        outcome.executionArn &&
        this.o.executionOutcome
      )
        outcome = await this.o.executionOutcome(outcome.executionArn, this.shutdown.signal);
    } catch (error) {
      this.o.logger.warn(
        { batchId, err: errorMessage(error), code: errorCode(error) },
        "delivery error; will retry",
      );
      return NO_ANSWER;
    }
    const log = { batchId, guildId: entry.guildId, status: statusCode, events: entry.batch.events.length };
    switch (outcome.action) {
      case "delivered":
        this.delivered(entry, outcome.how, log);
        return outcome;
      case "wait":
        if (outcome.posted === false) entry.sent = "not-posted";
        return outcome;
      case "park":
        return this.setAside(entry, outcome, () =>
          this.o.outbox.park(entry.name, outcome.code, outcome.cause, this.wallNow()),
        );
      case "reject":
        return this.setAside(entry, outcome, () =>
          this.o.outbox.reject(entry.name, outcome.cause ?? `HTTP ${statusCode}`, this.wallNow()),
        );
      case "retry":
        this.o.logger.warn({ ...log, why: outcome.why, cause: outcome.cause }, "delivery failed; will retry");
        return outcome;
    }
  }

  /** Moves a batch to outbox/parked or outbox/rejected; if that fails, it stays at the head and is tried again. */
  private async setAside(
    entry: OutboxEntry,
    outcome: DeliveryOutcome & { action: "park" | "reject" },
    move: () => Promise<void>,
  ): Promise<DeliveryOutcome> {
    const { batchId } = entry.batch;
    try {
      await this.o.settle?.(entry);
      await move();
    } catch (error) {
      this.o.logger.warn({ batchId, err: errorMessage(error) }, "could not set a batch aside; will retry");
      return NO_ANSWER;
    }
    if (outcome.action === "park")
      this.o.logger.error(
        { batchId, guildId: entry.guildId, code: outcome.code, cause: outcome.cause },
        "webhook gone: batch parked in outbox/parked (fix the webhook, then `pnpm --filter @stepcord/bot redeliver`)",
      );
    else
      this.o.logger.error(
        { batchId, guildId: entry.guildId, cause: outcome.cause },
        "batch rejected by the endpoint; moved to outbox/rejected",
      );
    return outcome;
  }

  private delivered(entry: OutboxEntry, how: string, log: Record<string, unknown>): void {
    // The outbox stops listing it now; the file goes in the background (waiting would put that unlink in front of
    // the next batch). A crash before then resends it with the same batch id, which the ledger answers `duplicate`.
    const { settle } = this.o;
    const removal: Promise<void> = this.o.outbox
      .remove(entry.name, settle ? () => settle(entry) : undefined)
      .catch((error: unknown) =>
        this.o.logger.error(
          { batchId: entry.batch.batchId, err: errorMessage(error) },
          "could not delete a delivered batch",
        ),
      )
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
    this.lastDeliveryAt = new Date(this.wallNow()).toISOString();
    this.o.logger.info({ ...log, how }, "batch delivered");
  }
}

/** The `code` of an error that has one (undici's UND_ERR_*, Node's ECONNREFUSED, ours), for the log line. */
function errorCode(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}
