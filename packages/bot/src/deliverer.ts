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
}

/** Sends outbox batches oldest first with a SigV4-signed POST; retries with capped exponential backoff and full jitter. */
export class Deliverer {
  lastDeliveryAt: string | null = null;
  depth = 0;
  private readonly o: DelivererOptions;
  private running: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;

  constructor(options: DelivererOptions) {
    this.o = options;
  }

  /** Starts draining whatever the outbox already holds (batches left by a crash are resent with the same id). */
  start(): void {
    this.running ??= this.loop();
  }

  kick(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.kick();
    await this.running;
  }

  private async loop(): Promise<void> {
    const sleep = this.o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let attempt = 0;
    while (!this.stopped) {
      const files = await this.o.outbox.list();
      this.depth = files.length;
      const next = files[0];
      if (next === undefined) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      const outcome = await this.send(next);
      if (outcome === "retry") {
        const cap = Math.min(this.o.maxDelayMs ?? 30_000, (this.o.baseDelayMs ?? 250) * 2 ** attempt);
        attempt += 1;
        const delay = Math.floor((this.o.random ?? Math.random)() * cap);
        await Promise.race([sleep(delay), new Promise<void>((r) => (this.wake = r))]);
      } else {
        attempt = 0;
      }
    }
  }

  private async send(name: string): Promise<"ok" | "retry" | "rejected"> {
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
      });
      await res.body.dump();
      if (res.statusCode >= 200 && res.statusCode < 300) {
        await this.o.outbox.remove(name);
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
}
