import { formatAmzDate, readClock } from "./amz-date.js";
import { type Aws4Result, runAws4 } from "./aws4-adapter.js";
import { bufferBody, sha256Hex } from "./body.js";
import { type PathOptions, wirePath } from "./canonical-path.js";
import { resolveScope, type SigningScope } from "./infer-scope.js";
import { SigningInputError } from "./signing-input-error.js";
import type { Clock, Credentials, RequestToSign } from "./types.js";
import { splitTarget } from "./verify-input.js";

/** What `sign`, `presign`, `canonicalRequest` and `stringToSign` take. */
export interface SignOptions extends PathOptions {
  readonly request: RequestToSign;
  readonly credentials: Credentials;
  /** Overrides the region inferred from the host. */
  readonly region?: string | undefined;
  /** Overrides the service inferred from the host. */
  readonly service?: string | undefined;
  readonly now?: Clock | undefined;
  /** Also send and sign `x-amz-content-sha256` (S3 style). Off by default: API Gateway does not need it. */
  readonly signBody?: boolean | undefined;
}

/** A signed request: send exactly this URL, method, headers and body. */
export interface SignedRequest {
  readonly method: string;
  /** The URL to send: aws4 may re-encode the query, and the signature covers this form. */
  readonly url: string;
  /** A new object with lower-case names, including host, x-amz-date, authorization (and the session token). */
  readonly headers: Record<string, string>;
  readonly body: Buffer | undefined;
  readonly signature: string;
}

/** A request checked, buffered and hashed once, ready to be signed (and re-signed) with any date. */
export interface PreparedRequest {
  readonly method: string;
  readonly url: URL;
  /** The path to send, without the query (percent-encoded; unnormalised with `normalizePath: false`). */
  readonly path: string;
  readonly pathOptions: PathOptions;
  /** Lower-case names, without authorization, x-amz-date and x-amz-security-token (set per signature). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | undefined;
  readonly payloadHash: string;
  readonly scope: SigningScope;
  readonly signBody: boolean;
}

const MANAGED = new Set(["authorization", "x-amz-date", "x-amz-security-token"]);

/** Validates, lower-cases headers, buffers and hashes the body, and resolves the scope. Never mutates its input. */
export function prepareRequest(options: Omit<SignOptions, "credentials" | "now">): PreparedRequest {
  const { request } = options;
  let url: URL;
  try {
    url = new URL(String(request.url));
  } catch {
    throw new SigningInputError(
      "url",
      `Cannot sign "${String(request.url)}": it is not an absolute URL. Pass https://host/path?query.`,
    );
  }
  if (typeof request.method !== "string" || !/^[A-Za-z]+$/.test(request.method)) {
    throw new SigningInputError(
      "method",
      `Cannot sign method "${String(request.method)}": pass an HTTP method such as GET or POST.`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (MANAGED.has(lower) || value === undefined) continue;
    headers[lower] = headers[lower] === undefined ? String(value) : `${headers[lower]},${String(value)}`;
  }
  headers.host ??= url.host;
  const body = bufferBody(request.body);
  const payloadHash = sha256Hex(body);
  const signBody = options.signBody === true;
  if (signBody) headers["x-amz-content-sha256"] = payloadHash;
  const scope = resolveScope(headers.host, options.region, options.service);
  const pathOptions = { normalizePath: options.normalizePath, uriEscapePath: options.uriEscapePath };
  // WHATWG URL resolves dot segments: without normalisation, the path is the one written in the URL string.
  const path = wirePath(
    options.normalizePath === false && typeof request.url === "string"
      ? splitTarget({ url: request.url }).path
      : url.pathname,
  );
  return {
    method: request.method.toUpperCase(),
    url,
    path,
    pathOptions,
    headers,
    body,
    payloadHash,
    scope,
    signBody,
  };
}

/** Signs a prepared request in header mode with the given instant. */
export function signPrepared(prepared: PreparedRequest, credentials: Credentials, date: Date): SignedRequest {
  const datetime = formatAmzDate(date);
  const headers: Record<string, string> = { ...prepared.headers, "x-amz-date": datetime };
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const result = runAws4(aws4Input(prepared, credentials, datetime, headers, false));
  const { authorization } = result;
  if (authorization === undefined) throw new Error("aws4 returned no Authorization in header mode");
  headers.authorization = authorization; // `headers` is this call's own object: no copy needed
  return {
    method: prepared.method,
    url: `${prepared.url.origin}${result.path}`,
    headers,
    body: prepared.body,
    signature: result.signature,
  };
}

/** Signs a request with an Authorization header. Pure: returns new objects, reads the clock once. */
export function sign(options: SignOptions): SignedRequest {
  return signPrepared(prepareRequest(options), options.credentials, readClock(options.now));
}

/** The SigV4 canonical request `sign` would sign (header mode). */
export function canonicalRequest(options: SignOptions): string {
  return stages(options, false).canonicalRequest;
}

/** The SigV4 string to sign `sign` would sign (header mode). */
export function stringToSign(options: SignOptions): string {
  return stages(options, false).stringToSign;
}

/** All stages (canonical request, string to sign, signature) in header or query mode, for tests and debugging. */
export function signingStages(
  options: SignOptions & { readonly expiresSeconds?: number },
  query: boolean,
): Aws4Result {
  return stages(options, query);
}

function stages(options: SignOptions & { readonly expiresSeconds?: number }, query: boolean): Aws4Result {
  const prepared = prepareRequest(options);
  const datetime = formatAmzDate(readClock(options.now));
  if (query)
    return runAws4({
      ...presignInput(prepared, options.credentials, datetime, options.expiresSeconds ?? 900),
      withStages: true,
    });
  const headers: Record<string, string> = { ...prepared.headers, "x-amz-date": datetime };
  if (options.credentials.sessionToken) headers["x-amz-security-token"] = options.credentials.sessionToken;
  return runAws4({ ...aws4Input(prepared, options.credentials, datetime, headers, false), withStages: true });
}

/** `presign` options: how long the URL stays valid (1 s to 7 days). */
export interface PresignOptions extends SignOptions {
  readonly expiresSeconds: number;
}

/** A presigned URL, with the headers that were signed (host and any caller headers) and must be sent with it. */
export interface PresignedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** Presigns a request in the query string, always setting X-Amz-Expires (aws4 omits it for services other than S3). */
export function presign(options: PresignOptions): PresignedRequest {
  const prepared = prepareRequest(options);
  const datetime = formatAmzDate(readClock(options.now));
  const result = runAws4(presignInput(prepared, options.credentials, datetime, options.expiresSeconds));
  return {
    method: prepared.method,
    url: `${prepared.url.origin}${result.path}`,
    headers: { ...prepared.headers },
  };
}

function presignInput(
  prepared: PreparedRequest,
  credentials: Credentials,
  datetime: string,
  expiresSeconds: number,
) {
  if (!Number.isInteger(expiresSeconds) || expiresSeconds < 1 || expiresSeconds > 604800) {
    throw new SigningInputError(
      "expiresSeconds",
      `Cannot presign for ${expiresSeconds} s: pass a whole number of seconds from 1 to 604800 (7 days).`,
    );
  }
  const search = new URLSearchParams(prepared.url.search);
  for (const key of [...search.keys()]) if (/^x-amz-/i.test(key)) search.delete(key);
  const url = new URL(prepared.url.href);
  url.search = search.toString();
  const withExpires = `${prepared.path}${url.search ? `${url.search}&` : "?"}X-Amz-Expires=${expiresSeconds}`;
  return {
    ...aws4Input({ ...prepared, url }, credentials, datetime, prepared.headers, true),
    path: withExpires,
  };
}

/** Refuses credentials without a key id or secret instead of letting aws4 sign with `undefined`. */
export function assertCredentials(credentials: Credentials): void {
  if (typeof credentials?.accessKeyId !== "string" || credentials.accessKeyId === "") {
    throw new SigningInputError(
      "credentials",
      "Cannot sign: the credentials have no accessKeyId. Pass complete credentials or use defaultCredentials().",
    );
  }
  if (typeof credentials.secretAccessKey !== "string" || credentials.secretAccessKey === "") {
    throw new SigningInputError(
      "credentials",
      "Cannot sign: the credentials have no secretAccessKey. Pass complete credentials or use defaultCredentials().",
    );
  }
}

function aws4Input(
  prepared: PreparedRequest,
  credentials: Credentials,
  datetime: string,
  headers: Record<string, string>,
  signQuery: boolean,
) {
  assertCredentials(credentials);
  return {
    method: prepared.method,
    path: `${prepared.path}${prepared.url.search}`,
    ...prepared.pathOptions,
    headers,
    payloadHash: prepared.payloadHash,
    signPayloadHashHeader: prepared.signBody,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    region: prepared.scope.region,
    service: prepared.scope.service,
    datetime,
    signQuery,
  };
}
