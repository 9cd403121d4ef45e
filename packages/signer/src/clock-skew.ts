import type { Dispatcher } from "undici";

/** True when a 403 body is AWS's answer to a client clock that is off by more than 5 minutes. */
export function isClockSkewMessage(body: string): boolean {
  return body.includes("Signature expired") || body.includes("Signature not yet current");
}

/** The server's clock from a response `Date` header, or undefined when absent or unreadable. */
export function serverDate(headers: Record<string, string | string[] | undefined>): Date | undefined {
  const raw = headers.date ?? headers.Date;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

type Handler = Dispatcher.DispatchHandler;

/** AWS's skew answers are a few hundred bytes; a larger 403 body is passed on without being held. */
const MAX_HELD_BYTES = 64 * 1024;
type Controller = Dispatcher.DispatchController;
type Headers = Parameters<NonNullable<Handler["onResponseStart"]>>[2];

/**
 * Passes a response through, except a first 403 whose body reports clock skew and that carries a `Date`: that one
 * is swallowed and `retry(serverDate)` is called once. Any other 403 is replayed to the wrapped handler unchanged.
 */
export class ClockSkewRetryHandler implements Handler {
  readonly #handler: Handler;
  readonly #retry: (serverDate: Date) => void;
  #retried = false;
  #held:
    | { status: number; headers: Headers; message: string | undefined; chunks: Buffer[]; size: number }
    | undefined;

  constructor(handler: Handler, retry: (serverDate: Date) => void) {
    this.#handler = handler;
    this.#retry = retry;
  }

  onRequestStart(controller: Controller, context: unknown): void {
    this.#handler.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(...args: Parameters<NonNullable<Handler["onRequestUpgrade"]>>): void {
    this.#handler.onRequestUpgrade?.(...args);
  }

  onResponseStart(controller: Controller, status: number, headers: Headers, message?: string): void {
    if (status === 403 && !this.#retried) {
      this.#held = { status, headers, message, chunks: [], size: 0 };
      return;
    }
    this.#handler.onResponseStart?.(controller, status, headers, message);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    const held = this.#held;
    if (held === undefined) {
      this.#handler.onResponseData?.(controller, chunk);
      return;
    }
    held.chunks.push(chunk);
    held.size += chunk.length;
    if (held.size > MAX_HELD_BYTES) this.#release(controller); // too big to be AWS's skew message: stream it on
  }

  onResponseEnd(controller: Controller, trailers: Headers): void {
    const held = this.#held;
    this.#held = undefined;
    if (held === undefined) {
      this.#handler.onResponseEnd?.(controller, trailers);
      return;
    }
    const body = Buffer.concat(held.chunks);
    const date = serverDate(held.headers as Record<string, string | string[] | undefined>);
    if (date !== undefined && isClockSkewMessage(body.toString("utf8"))) {
      this.#retried = true;
      this.#retry(date);
      return;
    }
    this.#held = held;
    this.#release(controller);
    this.#handler.onResponseEnd?.(controller, trailers);
  }

  /** Hands a held response to the wrapped handler and switches to pass-through. */
  #release(controller: Controller): void {
    const held = this.#held;
    if (held === undefined) return;
    this.#held = undefined;
    this.#handler.onResponseStart?.(controller, held.status, held.headers, held.message);
    if (held.size > 0) this.#handler.onResponseData?.(controller, Buffer.concat(held.chunks));
  }

  onResponseError(controller: Controller, error: Error): void {
    this.#handler.onResponseError?.(controller, error);
  }
}
