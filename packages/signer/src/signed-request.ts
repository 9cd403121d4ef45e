import { type Dispatcher, getGlobalDispatcher, request } from "undici";
import { type Sigv4InterceptorOptions, sigv4Interceptor } from "./interceptor.js";
import type { SignableBody } from "./types.js";

export interface SignedRequestOptions extends Sigv4InterceptorOptions {
  readonly method?: Dispatcher.HttpMethod | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly body?: SignableBody;
  /** Defaults to undici's global dispatcher; the sigv4 interceptor is composed onto it. */
  readonly dispatcher?: Dispatcher | undefined;
  /** Aborts the request (e.g. on shutdown or a deadline); undici rejects with an AbortError. */
  readonly signal?: AbortSignal | undefined;
}

/** Sends one SigV4-signed request with undici (`request`, not global fetch) and returns undici's response data. */
export function signedRequest(
  url: string | URL,
  options: SignedRequestOptions,
): Promise<Dispatcher.ResponseData> {
  const { method, headers, body, dispatcher, signal, ...signing } = options;
  const composed = (dispatcher ?? getGlobalDispatcher()).compose(sigv4Interceptor(signing));
  return request(url, {
    method: method ?? (body === undefined || body === null ? "GET" : "POST"),
    headers: { ...headers },
    body: body ?? null,
    dispatcher: composed,
    ...(signal ? { signal } : {}),
  });
}
