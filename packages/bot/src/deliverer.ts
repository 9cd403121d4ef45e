import { parseDeliveryOutcome } from "@stepcord/events";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { signedRequest } from "@stepcord/signer";
import type { Logger } from "pino";
import type { Outbox } from "./outbox.js";

export interface DelivererOptions {
  outbox: Outbox;
  endpoint: string;
  credentials: Credentials | CredentialsProvider;
  region: string | undefined;
  logger: Logger;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A request that has not answered by then is abandoned and retried (API Gateway's own limit is 30 s). */
  requestTimeoutMs?: number;
}

/** Sends outbox batches oldest first with a SigV4-signed POST; retries with capped exponential backoff and full jitter. */
export class Deliverer {
  lastDeliveryAt: string | null = null;
  depth = 0;
  private readonly o: DelivererOptions;
  private running: Promise<void> | undefined;
  private stopped = false;
  // A kick that arrives while the loop is busy (listing, sending) must not be lost, or a batch queued at
  // that moment would wait for the next event; so a kick is remembered until the loop looks at it.
  private kicked = false;
  private wake: (() => void) | undefined;
  private readonly shutdown = new AbortController();
  /** File deletions of delivered batches still in progress; the next send does not wait for them, stop() does. */
  private readonly removals = new Set<Promise<void>>();
  private readonly stopped$ = new Promise<void>((resolve) =>
    this.shutdown.signal.addEventListener("abort", () => resolve(), { once: true }),
  );

  constructor(options: DelivererOptions) {
    this.o = options;
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

  /** Stops after the current attempt; a request still in flight is aborted and its batch stays in the outbox. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.shutdown.abort();
    this.kick();
    await this.running;
    await Promise.all(this.removals);
  }

  /** Resolves on the next kick (or stop); a kick that came while the loop was busy resolves at once. */
  private waitForKick(): Promise<void> {
    if (this.kicked || this.stopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.wake = resolve;
    });
  }

  /** Backoff ends early only on stop: new batches must not cut an outage's backoff short. */
  private async backoff(delayMs: number): Promise<void> {
    if (this.o.sleep) return Promise.race([this.o.sleep(delayMs), this.stopped$]);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([new Promise<void>((r) => (timer = setTimeout(r, delayMs))), this.stopped$]);
    clearTimeout(timer);
  }

  private async loop(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      this.kicked = false;
      const files = await this.o.outbox.list();
      this.depth = files.length;
      const next = files[0];
      if (next === undefined) {
        await this.waitForKick();
        continue;
      }
      const outcome = await this.send(next);
      if (typeof outcome === "number" && !this.stopped) {
        // The workflow said how long to wait (Discord's retry_after, or a batch still in flight).
        await this.backoff(outcome);
      } else if (outcome === "retry" && !this.stopped) {
        const cap = Math.min(this.o.maxDelayMs ?? 30_000, (this.o.baseDelayMs ?? 250) * 2 ** attempt);
        attempt += 1;
        await this.backoff(Math.floor((this.o.random ?? Math.random)() * cap));
      } else {
        attempt = 0;
      }
    }
  }

  /** "ok", "retry", "rejected", or the milliseconds the workflow asked to wait before this batch is sent again. */
  private async send(name: string): Promise<"ok" | "retry" | "rejected" | number> {
    const body = await this.o.outbox.read(name);
    const batchId = (JSON.parse(body) as { batchId: string }).batchId;
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
          AbortSignal.timeout(this.o.requestTimeoutMs ?? 30_000),
        ]),
      });
      const answer = await res.body.text();
      if (res.statusCode >= 200 && res.statusCode < 300) {
        const verdict = await this.readOutcome(name, batchId, answer);
        if (verdict !== "ok") return verdict;
        // The outbox stops listing it now; the file goes once its durable write has landed (waiting here would put
        // that fsync in front of the next batch). A crash before then resends it with the same batch id.
        const removal: Promise<void> = this.o.outbox
          .remove(name)
          .catch((error: unknown) =>
            this.o.logger.error(
              { batchId, err: (error as Error).message },
              "could not delete a delivered batch",
            ),
          )
          .finally(() => this.removals.delete(removal));
        this.removals.add(removal);
        this.lastDeliveryAt = new Date(this.o.now()).toISOString();
        this.o.logger.info({ batchId, status: res.statusCode }, "batch delivered");
        return "ok";
      }
      if (res.statusCode >= 400 && res.statusCode < 500 && res.statusCode !== 429 && res.statusCode !== 403) {
        await this.o.outbox.reject(name);
        this.o.logger.error(
          { batchId, status: res.statusCode },
          "batch rejected by the endpoint; moved to outbox/rejected",
        );
        return "rejected";
      }
      this.o.logger.warn({ batchId, status: res.statusCode }, "delivery failed; will retry");
      return "retry";
    } catch (error) {
      this.o.logger.warn({ batchId, err: (error as Error).message }, "delivery error; will retry");
      return "retry";
    }
  }

  /**
   * An EXPRESS stack answers with the execution's outcome (StartSyncExecution's response; see DeliveryOutcome in
   * @stepcord/events): only a delivery or a duplicate lets the batch go. A STANDARD stack answers StartExecution's
   * `{executionArn, startDate}`, which says only that the workflow started: the batch goes, as before.
   * Interim: parked batches go to outbox/rejected with their cause until the outbox gets its parked/ directory.
   */
  private async readOutcome(
    name: string,
    batchId: string,
    answer: string,
  ): Promise<"ok" | "rejected" | "retry" | number> {
    let body: unknown;
    try {
      body = JSON.parse(answer);
    } catch {
      return "ok";
    }
    if (typeof body !== "object" || body === null || !("status" in body)) return "ok";
    const outcome = parseDeliveryOutcome(body);
    switch (outcome.outcome) {
      case "delivered":
      case "duplicate":
        return "ok";
      case "rate-limited":
      case "in-flight":
        this.o.logger.warn(
          { batchId, outcome: outcome.outcome, waitMs: outcome.retryAfterMs },
          "batch not delivered yet; will resend",
        );
        return outcome.retryAfterMs;
      case "parked":
      case "rejected":
        await this.o.outbox.reject(name);
        this.o.logger.error(
          { batchId, outcome: outcome.outcome, cause: outcome.cause },
          "batch cannot be delivered; moved to outbox/rejected (see docs/deploy.md, Webhook gone)",
        );
        return "rejected";
      case "failed":
        this.o.logger.warn({ batchId, error: outcome.error }, "workflow failed; will retry");
        return "retry";
    }
  }
}
