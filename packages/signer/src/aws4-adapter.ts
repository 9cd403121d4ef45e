import aws4 from "aws4";

/** aws4 internals we rely on, beyond what @types/aws4 declares. */
interface Aws4Signer {
  datetime?: string;
  parsedPath?: { path: string; query: Record<string, string | string[]> | null };
  canonicalString(): string;
  stringToSign(): string;
  signature(): string;
  signedHeaders(): string;
  credentialString(): string;
  formatPath(): string;
}

/** Everything aws4 needs, already decided by us: aws4 is never left to guess or default. */
export interface Aws4Input {
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
  /** Also return the canonical request and string to sign (costs two more canonicalisations). */
  readonly withStages?: boolean | undefined;
}

/** The four stages of a SigV4 signature, and the path aws4 formatted (the one that must be sent). */
export interface Aws4Result {
  /** Empty unless `withStages`. */
  readonly canonicalRequest: string;
  /** Empty unless `withStages`. */
  readonly stringToSign: string;
  readonly signature: string;
  readonly signedHeaders: string;
  readonly credentialScope: string;
  /** Header mode: the Authorization value. Query mode: undefined. */
  readonly authorization: string | undefined;
  /** The path and query to send: for presigning it carries the X-Amz-* parameters and the signature. */
  readonly path: string;
}

/**
 * Runs aws4 on a fresh request object (aws4 mutates its input) with `doNotModifyHeaders`, so it adds neither
 * `Content-Type: application/x-www-form-urlencoded` nor `Content-Length`, and with our own date and payload hash
 * (the body is hashed once, by us, and aws4 never sees it).
 */
export function runAws4(input: Aws4Input): Aws4Result {
  const headers: Record<string, string> = { ...input.headers };
  const ignore: Record<string, boolean> = Object.create(null);
  if (!input.signPayloadHashHeader) {
    headers["x-amz-content-sha256"] = input.payloadHash;
    ignore["x-amz-content-sha256"] = true;
  }
  const include: Record<string, boolean> = Object.create(null);
  for (const name of input.includeHeaders ?? []) include[name] = true;
  const request = {
    method: input.method,
    path: input.path,
    ...(headers.host === undefined ? {} : { host: headers.host }),
    headers,
    service: input.service,
    region: input.region,
    signQuery: input.signQuery,
    doNotModifyHeaders: true,
    extraHeadersToIgnore: ignore,
    extraHeadersToInclude: include,
  };
  const credentials = {
    accessKeyId: input.accessKeyId,
    secretAccessKey: input.secretAccessKey,
    ...(input.sessionToken === undefined ? {} : { sessionToken: input.sessionToken }),
  };
  const signer = new aws4.RequestSigner(request, credentials) as unknown as Aws4Signer;
  signer.datetime = input.datetime;
  const canonicalRequest = input.withStages ? signer.canonicalString() : "";
  const stringToSign = input.withStages ? signer.stringToSign() : "";
  const signature = signer.signature();
  const signedHeaders = signer.signedHeaders();
  const credentialScope = signer.credentialString();
  let authorization: string | undefined;
  if (input.signQuery) {
    const query = signer.parsedPath?.query;
    if (query) query["X-Amz-Signature"] = signature;
  } else {
    authorization = `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }
  const path = signer.formatPath().replace(/\?$/, "");
  return { canonicalRequest, stringToSign, signature, signedHeaders, credentialScope, authorization, path };
}
