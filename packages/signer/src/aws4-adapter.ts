import aws4 from "aws4";
import { aws4Path, type PathOptions } from "./canonical-path.js";
import { signatureFor, signingKey } from "./signing-key.js";

/** aws4 internals we rely on, beyond what @types/aws4 declares. */
interface Aws4Signer {
  datetime?: string;
  parsedPath?: { path: string; query: Record<string, string | string[]> | null };
  canonicalString(): string;
  stringToSign(): string;
  signedHeaders(): string;
  credentialString(): string;
  formatPath(): string;
}

/** Everything aws4 needs, already decided by us: aws4 is never left to guess or default. */
export interface Aws4Input extends PathOptions {
  readonly method: string;
  /** Path and query as they would go on the wire. */
  readonly path: string;
  /** Lower-case header names; must include `host` and, for header signing, `x-amz-date`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly payloadHash: string;
  /** Sign `x-amz-content-sha256` as a header (it must then be in `headers`). */
  readonly signPayloadHashHeader: boolean;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  readonly region: string;
  readonly service: string;
  /** `YYYYMMDDTHHMMSSZ` */
  readonly datetime: string;
  readonly signQuery: boolean;
  /** Header names aws4 ignores by default (user-agent, range, ...) that must be signed anyway. */
  readonly includeHeaders?: readonly string[] | undefined;
  /** Skip formatting the path to send (a verifier only compares signatures). */
  readonly signatureOnly?: boolean | undefined;
  /** Also return the canonical request (costs one more canonicalisation). */
  readonly withStages?: boolean | undefined;
}

/** The four stages of a SigV4 signature, and the path aws4 formatted (the one that must be sent). */
export interface Aws4Result {
  /** Empty unless `withStages`. */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  readonly signature: string;
  readonly signedHeaders: string;
  readonly credentialScope: string;
  /** Header mode: the Authorization value. Query mode: undefined. */
  readonly authorization: string | undefined;
  /**
   * The path and query to send: for presigning it carries the X-Amz-* parameters and the signature. With
   * `signatureOnly`, the input path unchanged.
   */
  readonly path: string;
}

// aws4 only reads these lookup tables, so they are shared rather than built per signature.
const NOTHING: Readonly<Record<string, boolean>> = Object.freeze(Object.create(null));
const PAYLOAD_HASH_HEADER: Readonly<Record<string, boolean>> = Object.freeze(
  Object.assign(Object.create(null), { "x-amz-content-sha256": true }),
);

// The headers aws4 leaves out of a signature unless told otherwise (its HEADERS_TO_IGNORE).
const AWS4_IGNORED = new Set([
  "authorization",
  "connection",
  "x-amzn-trace-id",
  "user-agent",
  "expect",
  "presigned-expires",
  "range",
]);

/** Only the names aws4 would skip need telling: a signature naming none of them costs no object. */
function includeSet(names: readonly string[] | undefined): Readonly<Record<string, boolean>> {
  let include: Record<string, boolean> | undefined;
  for (const name of names ?? []) {
    if (!AWS4_IGNORED.has(name)) continue;
    include ??= Object.create(null) as Record<string, boolean>;
    include[name] = true;
  }
  return include ?? NOTHING;
}

/**
 * aws4's constructor matches the host against its own regex whenever `this.service` or `this.region` is unset at
 * that moment, which it always is; we have already decided the scope, so the prototype answers both and aws4 skips
 * the guess (3% of a signature). The constructor then sets them from `request.service` and `request.region`.
 */
class ScopedRequestSigner extends (aws4.RequestSigner as unknown as new (
  request: object,
  credentials: object,
) => { canonicalString(): string }) {
  /** Set when aws4 was handed `/` because it cannot leave a path unnormalised (see canonical-path.ts). */
  declare canonicalUri: string | undefined;

  override canonicalString(): string {
    const canonical = super.canonicalString();
    if (this.canonicalUri === undefined) return canonical;
    // The canonical URI is the second line; aws4 wrote `/` there.
    const start = canonical.indexOf("\n") + 1;
    return `${canonical.slice(0, start)}${this.canonicalUri}${canonical.slice(canonical.indexOf("\n", start))}`;
  }
}
Object.defineProperties(ScopedRequestSigner.prototype, {
  service: { value: "decided-by-stepcord", writable: true },
  region: { value: "decided-by-stepcord", writable: true },
});

/**
 * Runs aws4 on a fresh request object (aws4 mutates its input) with `doNotModifyHeaders`, so it adds neither
 * `Content-Type: application/x-www-form-urlencoded` nor `Content-Length`, and with our own date and payload hash
 * (the body is hashed once, by us, and aws4 never sees it).
 */
export function runAws4(input: Aws4Input): Aws4Result {
  const headers: Record<string, string> = { ...input.headers };
  if (!input.signPayloadHashHeader) headers["x-amz-content-sha256"] = input.payloadHash;
  const mark = input.path.indexOf("?");
  const pathOnly = mark === -1 ? input.path : input.path.slice(0, mark);
  const handed = aws4Path(pathOnly, mark === -1 ? "" : input.path.slice(mark), input);
  const request = {
    method: input.method,
    path: handed.path,
    doNotEncodePath: handed.doNotEncodePath,
    host: headers.host,
    headers,
    service: input.service,
    region: input.region,
    signQuery: input.signQuery,
    doNotModifyHeaders: true,
    extraHeadersToIgnore: input.signPayloadHashHeader ? NOTHING : PAYLOAD_HASH_HEADER,
    extraHeadersToInclude: includeSet(input.includeHeaders),
  };
  const credentials =
    input.sessionToken === undefined
      ? { accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey }
      : {
          accessKeyId: input.accessKeyId,
          secretAccessKey: input.secretAccessKey,
          sessionToken: input.sessionToken,
        };
  const scoped = new ScopedRequestSigner(request, credentials);
  if (handed.canonicalUri !== undefined) scoped.canonicalUri = handed.canonicalUri;
  const signer = scoped as unknown as Aws4Signer;
  signer.datetime = input.datetime;
  const canonicalRequest = input.withStages ? signer.canonicalString() : "";
  const stringToSign = signer.stringToSign();
  // aws4 builds the canonical request and the string to sign; the key is ours, derived once (see signing-key.ts).
  const signature = signatureFor(
    signingKey(input.secretAccessKey, input.datetime.slice(0, 8), input.region, input.service),
    stringToSign,
  );
  const signedHeaders = signer.signedHeaders();
  const credentialScope = signer.credentialString();
  let authorization: string | undefined;
  if (input.signQuery) {
    const query = signer.parsedPath?.query;
    if (query) query["X-Amz-Signature"] = signature;
  } else {
    authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }
  let path = input.signatureOnly ? input.path : signer.formatPath().replace(/\?$/, "");
  // aws4 formatted `/` plus the query: the path to send is the unnormalised one.
  if (!input.signatureOnly && handed.canonicalUri !== undefined) path = `${pathOnly}${path.slice(1)}`;
  return { canonicalRequest, stringToSign, signature, signedHeaders, credentialScope, authorization, path };
}
