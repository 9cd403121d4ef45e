import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { signedRequest } from "@stepcord/signer";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import { classifyAnswer, type DeliveryOutcome, NO_ANSWER } from "./delivery-outcome.js";
import type { Outbox } from "./outbox.js";

/** The first retry waits up to this long (full jitter), doubling per failure in a row. */
export const DEFAULT_BASE_DELAY_MS = 250;
/** The longest wait between retries. */
export const DEFAULT_MAX_DELAY_MS = 30_000;
/** API Gateway's own integration limit is 30 s; a request unanswered by then will not be answered. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface DelivererOptions {
  outbox: Outbox;
  endpoint: string;
  credentials: Credentials | CredentialsProvider;
  region: string | undefined;
  logger: Logger;
  now: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** @default DEFAULT_BASE_DELAY_MS */
  baseDelayMs?: number;
  /** @default DEFAULT_MAX_DELAY_MS */
  maxDelayMs?: number;
  /** A request that has not answered by then is abandoned and retried. @default DEFAULT_REQUEST_TIMEOUT_MS */
  requestTimeoutMs?: number;
}

/**
 * Sends outbox batches oldest first with a SigV4-signed POST; retries with capped exponential backoff and full jitter,
 * or after the wait the workflow asked for (an EXPRESS stack's rate-limited or in-flight outcome).
 */
export class Deliverer {
  lastDeliveryAt: string | null = null;
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
      const next = files[0];
      if (next === undefined) {
        await this.waitForKick();
        continue;
      }
      const outcome = await this.send(next);
      if (outcome.action === "retry" && outcome.waitMs !== undefined && !this.stopped) {
        // The workflow said how long to wait (Discord's retry_after, or a batch still in flight).
        await this.backoff(outcome.waitMs);
      } else if (outcome.action === "retry" && !this.stopped) {
        const cap = Math.min(
          this.o.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
          (this.o.baseDelayMs ?? DEFAULT_BASE_DELAY_MS) * 2 ** attempt,
        );
        attempt += 1;
        await this.backoff(Math.floor((this.o.random ?? Math.random)() * cap));
      } else {
        attempt = 0;
      }
    }
  }

  private async send(name: string): Promise<DeliveryOutcome> {
    const body = await this.o.outbox.read(name);
    const batchId = (JSON.parse(body) as { batchId: string }).batchId;
    let statusCode: number;
    let answer: string;
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
      // The body matters for a 2xx only (an EXPRESS stack's answer is the workflow's outcome).
      if (res.statusCode >= 200 && res.statusCode < 300) answer = await res.body.text();
      else {
        await res.body.dump();
        answer = "";
      }
      statusCode = res.statusCode;
    } catch (error) {
      this.o.logger.warn(
        { batchId, err: errorMessage(error), code: errorCode(error) },
        "delivery error; will retry",
      );
      return NO_ANSWER;
    }
    const outcome = classifyAnswer(statusCode, answer);
    if (outcome.action === "delivered") this.delivered(name, batchId, statusCode);
    else if (outcome.action === "reject") return this.park(name, batchId, statusCode, outcome);
    else if (outcome.waitMs !== undefined) {
      this.o.logger.warn(
        { batchId, why: outcome.why, waitMs: outcome.waitMs },
        "batch not delivered yet; will resend",
      );
    } else
      this.o.logger.warn({ batchId, status: statusCode, why: outcome.why }, "delivery failed; will retry");
    return outcome;
  }

  /**
   * Moves a batch that cannot be delivered to outbox/rejected, with its cause in the log (interim: parked batches go
   * there too until the outbox gets its parked/ directory); if that fails, the batch stays at the head and is tried
   * again.
   */
  private async park(
    name: string,
    batchId: string,
    statusCode: number,
    outcome: Extract<DeliveryOutcome, { action: "reject" }>,
  ): Promise<DeliveryOutcome> {
    try {
      await this.o.outbox.reject(name);
    } catch (error) {
      this.o.logger.warn(
        { batchId, err: errorMessage(error) },
        "could not park a rejected batch; will retry",
      );
      return NO_ANSWER;
    }
    if (outcome.why === "refused") {
      this.o.logger.error(
        { batchId, status: statusCode },
        "batch rejected by the endpoint; moved to outbox/rejected",
      );
    } else {
      this.o.logger.error(
        { batchId, outcome: outcome.why, cause: outcome.cause },
        "batch cannot be delivered; moved to outbox/rejected (see docs/deploy.md, Webhook gone)",
      );
    }
    return outcome;
  }

  private delivered(name: string, batchId: string, statusCode: number): void {
    // The outbox stops listing it now; the file goes once its durable write has landed (waiting here would put
    // that fsync in front of the next batch). A crash before then resends it with the same batch id.
    const removal: Promise<void> = this.o.outbox
      .remove(name)
      .catch((error: unknown) =>
        this.o.logger.error({ batchId, err: errorMessage(error) }, "could not delete a delivered batch"),
      )
      .finally(() => this.removals.delete(removal));
    this.removals.add(removal);
    this.lastDeliveryAt = new Date(this.o.now()).toISOString();
    this.o.logger.info({ batchId, status: statusCode }, "batch delivered");
  }
}

/** The `code` of an error that has one (undici's UND_ERR_*, Node's ECONNREFUSED, ours), for the log line. */
function errorCode(error: unknown): unknown {
  return error instanceof Error && "code" in error ? error.code : undefined;
}
