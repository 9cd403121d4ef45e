import type { Dispatcher } from "undici";
import { readClock } from "./amz-date.js";
import { ClockSkewRetryHandler } from "./clock-skew.js";
import { resolveCredentials } from "./credentials.js";
import { type PreparedRequest, prepareRequest, signPrepared } from "./sign.js";
import type { Clock, Credentials, CredentialsProvider } from "./types.js";

export interface Sigv4InterceptorOptions {
  readonly credentials: Credentials | CredentialsProvider;
  /** Overrides the region inferred from the host (required for custom domains and local servers). */
  readonly region?: string | undefined;
  /** Overrides the service inferred from the host (API Gateway: `execute-api`). */
  readonly service?: string | undefined;
  readonly now?: Clock | undefined;
  /** Also send and sign `x-amz-content-sha256`. */
  readonly signBody?: boolean | undefined;
}

/**
 * An undici interceptor for `dispatcher.compose(...)` that signs every request with SigV4.
 *
 * Compose-order rule: `compose(a, b, c)` runs `c` first and `a` last, nearest the socket — so list sigv4 FIRST,
 * making it the last interceptor to touch headers and body: `agent.compose(sigv4Interceptor(...), retry(), redirect())`.
 * Anything that changes the request (headers, body, redirects) must run before it; retries must sit outside it
 * (later in the list) so that every attempt is signed again with a fresh date.
 *
 * A 403 reporting "Signature expired" / "Signature not yet current" is retried once with the clock corrected from
 * the response `Date`; the offset is kept for later requests through this interceptor.
 */
export function sigv4Interceptor(options: Sigv4InterceptorOptions): Dispatcher.DispatcherComposeInterceptor {
  let offsetMs = 0;
  const clock = () => new Date(readClock(options.now).getTime() + offsetMs);
  // undici passes a Client's or Pool's own origin as the second argument; an Agent's requests carry opts.origin.
  return (dispatch, dispatcherOrigin?: string | null) => (opts, handler) => {
    let prepared: PreparedRequest;
    try {
      prepared = prepareRequest({
        request: {
          method: opts.method,
          url: new URL(opts.path, opts.origin ?? dispatcherOrigin ?? undefined),
          headers: flattenHeaders(opts.headers),
          body: opts.body,
        },
        region: options.region,
        service: options.service,
        signBody: options.signBody,
      });
    } catch (error) {
      fail(handler, error);
      return true;
    }
    resolveCredentials(options.credentials)
      .then((credentials) => {
        const send = (target: Dispatcher.DispatchHandler) => {
          const signed = signPrepared(prepared, credentials, clock());
          const url = new URL(signed.url);
          return dispatch(
            {
              ...opts,
              method: prepared.method as Dispatcher.HttpMethod,
              path: `${url.pathname}${url.search}`,
              headers: signed.headers,
              body: signed.body ?? null,
            },
            target,
          );
        };
        const retrying: ClockSkewRetryHandler = new ClockSkewRetryHandler(handler, (serverDate) => {
          offsetMs = serverDate.getTime() - readClock(options.now).getTime();
          try {
            send(retrying);
          } catch (error) {
            fail(handler, error);
          }
        });
        send(retrying);
      })
      .catch((error: unknown) => fail(handler, error));
    return true;
  };
}

function fail(handler: Dispatcher.DispatchHandler, error: unknown): void {
  const reason = error instanceof Error ? error : new Error(String(error));
  queueMicrotask(() => handler.onResponseError?.(null as unknown as Dispatcher.DispatchController, reason));
}

/** undici accepts headers as an object, a flat [k, v, k, v] array, or an iterable of pairs. */
export function flattenHeaders(headers: Dispatcher.DispatchOptions["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (name: unknown, value: unknown) => {
    if (value === undefined || value === null) return;
    const key = String(name).toLowerCase();
    const text = Array.isArray(value) ? value.map(String).join(",") : String(value);
    out[key] = out[key] === undefined ? text : `${out[key]},${text}`;
  };
  if (headers === undefined || headers === null) return out;
  if (Array.isArray(headers)) {
    for (let i = 0; i + 1 < headers.length; i += 2) add(headers[i], headers[i + 1]);
    return out;
  }
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    for (const pair of headers as Iterable<[string, unknown]>) add(pair[0], pair[1]);
    return out;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) add(name, value);
  return out;
}
