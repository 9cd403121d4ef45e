import { parseAmzDate, readClock } from "./amz-date.js";
import { runAws4 } from "./aws4-adapter.js";
import { payloadSha256 } from "./body.js";
import type { PathOptions } from "./canonical-path.js";
import {
  type ParsedSignature,
  parseAuthorizationHeader,
  parsePresignedQuery,
} from "./parse-authorization.js";
import {
  INVALID_TOKEN_MESSAGE,
  SIGNATURE_MISMATCH_MESSAGE,
  SigV4VerificationError,
} from "./sigv4-verification-error.js";
import type { Clock, SignableBody } from "./types.js";
import { checkScope, checkSkew, type SkewInput } from "./verify-checks.js";
import { lowerHeaders, type ReceivedHeaders, sameSecret, splitTarget } from "./verify-input.js";

/** A received request. Give `url` (absolute, or path with query) or `path` and `query` exactly as received. */
export interface RequestToVerify {
  readonly method: string;
  readonly url?: string | undefined;
  readonly path?: string | undefined;
  /** The raw query string, without the leading `?`. */
  readonly query?: string | undefined;
  /** `req.rawHeaders` (exact) or `req.headers`; names in any case, repeated values joined with `,`. */
  readonly headers: ReceivedHeaders;
  readonly body?: SignableBody;
}

/** What `lookup` returns for a known access key. */
export interface KnownCredentials<P = unknown> {
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** Anything the caller wants back on success (account, ARN, user name). */
  readonly principal?: P;
}

/** `normalizePath` and `uriEscapePath` must match how clients sign for this service (API Gateway: the defaults). */
export interface VerifyOptions<P = unknown> extends PathOptions {
  readonly lookup: (accessKeyId: string) => Promise<KnownCredentials<P> | undefined>;
  /** When set, the credential scope must name this region. */
  readonly region?: string | undefined;
  /** When set, the credential scope must name this service (API Gateway: `execute-api`). */
  readonly service?: string | undefined;
  readonly now?: Clock | undefined;
  /** Allowed clock difference in both directions; AWS uses 5 minutes. @default DEFAULT_MAX_SKEW_MS */
  readonly maxSkewMs?: number | undefined;
  /**
   * Which API Gateway to answer like when a request carries no signature at all: a REST API says
   * `Missing Authentication Token`, an HTTP API (API Gateway v2, what stepcord deploys) says `Forbidden`. Every other
   * failure reads the same in both.
   * @default "REST"
   */
  readonly apiType?: "REST" | "HTTP" | undefined;
}

export interface VerifiedRequest<P = unknown> {
  readonly accessKeyId: string;
  readonly principal: P | undefined;
  readonly region: string;
  readonly service: string;
  readonly signedAt: Date;
  readonly mode: "header" | "query";
}

const NO_PARAMS = new URLSearchParams();
/** How far the signing time may be from ours, in both directions, unless `maxSkewMs` says otherwise: AWS's 5 minutes. */
export const DEFAULT_MAX_SKEW_MS = 5 * 60_000;

/**
 * The signature as the request carries it, in the Authorization header or in a presigned URL's query. It is read
 * once, here; every check after it is the same for both.
 */
interface ReceivedSignature {
  readonly mode: "header" | "query";
  readonly parsed: ParsedSignature;
  /** X-Amz-Date, from the header or the query; "" when absent. */
  readonly datetime: string;
  readonly sessionToken: string | undefined;
  /** A presigned URL's X-Amz-Expires ("" when absent); undefined with an Authorization header. */
  readonly expires: string | undefined;
  /** Headers the signature must cover: host, and with an Authorization header x-amz-date and any session token. */
  readonly mustSign: readonly string[];
  /** An Authorization header with only a Date header, no X-Amz-Date: the header, to quote in the error. */
  readonly withoutAmzDate: string | undefined;
  /** The query as it was signed: a presigned URL's own X-Amz-Signature is not part of it. */
  readonly signedQuery: string;
}

/**
 * Verifies a SigV4-signed request (Authorization header or presigned query) the way API Gateway does, computing the
 * canonical request itself with aws4 and comparing signatures in constant time. Throws SigV4VerificationError.
 */
export async function verify<P = unknown>(
  request: RequestToVerify,
  options: VerifyOptions<P>,
): Promise<VerifiedRequest<P>> {
  const headers = lowerHeaders(request.headers);
  const { path, query } = splitTarget(request);
  const received = readSignature(headers, query, options.apiType);
  const { parsed, datetime } = received;
  if (parsed.algorithm !== "AWS4-HMAC-SHA256") {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_UNSUPPORTED_ALGORITHM",
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm': '${parsed.algorithm}'. Sign with AWS4-HMAC-SHA256.`,
    );
  }
  requireSigned(received);
  const signedAt = parseAmzDate(datetime);
  if (signedAt === undefined) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
      "IncompleteSignatureException",
      `Date must be in ISO-8601 'basic format'. Got '${datetime}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  checkScope(parsed, datetime, options.region, options.service);
  const skew: SkewInput = {
    datetime,
    signedAt,
    now: readClock(options.now),
    maxSkewMs: options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS,
  };
  checkSkew(skew, received.expires);
  const known = await options.lookup(parsed.accessKeyId);
  if (known === undefined) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_UNKNOWN_ACCESS_KEY",
      "UnrecognizedClientException",
      INVALID_TOKEN_MESSAGE,
      { accessKeyId: parsed.accessKeyId },
    );
  }
  if (!sameSecret(received.sessionToken ?? "", known.sessionToken ?? "")) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_INVALID_TOKEN",
      "UnrecognizedClientException",
      INVALID_TOKEN_MESSAGE,
      { accessKeyId: parsed.accessKeyId },
    );
  }
  const payloadHash = payloadSha256(request.body);
  const claimedHash = headers["x-amz-content-sha256"];
  if (claimedHash !== undefined && claimedHash !== payloadHash) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_CONTENT_SHA256_MISMATCH",
      "InvalidSignatureException",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      { accessKeyId: parsed.accessKeyId },
    );
  }
  const expected = computeSignature({
    received,
    method: request.method,
    path,
    headers,
    payloadHash,
    known,
    options,
  });
  if (expected === undefined || !sameSecret(expected, parsed.signature)) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_SIGNATURE_MISMATCH",
      "InvalidSignatureException",
      SIGNATURE_MISMATCH_MESSAGE,
      { accessKeyId: parsed.accessKeyId },
    );
  }
  return {
    accessKeyId: parsed.accessKeyId,
    principal: known.principal,
    region: parsed.scopeRegion,
    service: parsed.scopeService,
    signedAt,
    mode: received.mode,
  };
}

/**
 * Finds the signature: an Authorization header wins; otherwise a query with any of X-Amz-Algorithm, -Signature or
 * -Credential is a presigned URL; otherwise the request is unsigned, answered as the API type answers it.
 */
function readSignature(
  headers: Record<string, string>,
  query: string,
  apiType: VerifyOptions["apiType"],
): ReceivedSignature {
  const authorization = headers.authorization;
  if (authorization !== undefined) {
    const sessionToken = headers["x-amz-security-token"];
    return {
      mode: "header",
      parsed: parseAuthorizationHeader(
        authorization,
        headers["x-amz-date"] !== undefined || headers.date !== undefined,
      ),
      datetime: headers["x-amz-date"] ?? "",
      sessionToken,
      expires: undefined,
      mustSign:
        sessionToken === undefined ? ["host", "x-amz-date"] : ["host", "x-amz-date", "x-amz-security-token"],
      withoutAmzDate: headers["x-amz-date"] === undefined ? authorization : undefined,
      signedQuery: query,
    };
  }
  // Most requests carry an Authorization header and no X-Amz-* query: parse the query only when it can matter.
  const params = /x-amz-/i.test(query) ? new URLSearchParams(query) : NO_PARAMS;
  if (params.has("X-Amz-Algorithm") || params.has("X-Amz-Signature") || params.has("X-Amz-Credential")) {
    return {
      mode: "query",
      parsed: parsePresignedQuery(params),
      datetime: params.get("X-Amz-Date") ?? "",
      sessionToken: params.get("X-Amz-Security-Token") ?? undefined,
      expires: params.get("X-Amz-Expires") ?? "",
      mustSign: ["host"],
      withoutAmzDate: undefined,
      signedQuery: query
        .split("&")
        .filter((piece) => !/^X-Amz-Signature=/i.test(piece))
        .join("&"),
    };
  }
  throw apiType === "HTTP"
    ? new SigV4VerificationError("STEPCORD_SIGV4_MISSING_AUTHENTICATION", "ForbiddenException", "Forbidden")
    : new SigV4VerificationError(
        "STEPCORD_SIGV4_MISSING_AUTHENTICATION",
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
      );
}

interface SignatureInput {
  readonly received: ReceivedSignature;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly payloadHash: string;
  readonly known: KnownCredentials<unknown>;
  readonly options: PathOptions;
}

/** The signature the request should carry, computed by aws4 from what was received; undefined when none can match. */
function computeSignature(input: SignatureInput): string | undefined {
  const { received, known } = input;
  const { parsed, signedQuery } = received;
  const signedHeaders: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = input.headers[name];
    if (value !== undefined) signedHeaders[name] = value;
  }
  try {
    return runAws4({
      method: input.method.toUpperCase(),
      path: signedQuery === "" ? input.path : `${input.path}?${signedQuery}`,
      headers: signedHeaders,
      payloadHash: input.payloadHash,
      signPayloadHashHeader: signedHeaders["x-amz-content-sha256"] !== undefined,
      accessKeyId: parsed.accessKeyId,
      secretAccessKey: known.secretAccessKey,
      sessionToken: known.sessionToken,
      region: parsed.scopeRegion,
      service: parsed.scopeService,
      datetime: received.datetime,
      signQuery: received.mode === "query",
      includeHeaders: parsed.signedHeaders,
      signatureOnly: true,
      normalizePath: input.options.normalizePath,
      uriEscapePath: input.options.uriEscapePath,
    }).signature;
  } catch {
    return undefined; // e.g. a malformed percent-escape in the path: it cannot match any signature
  }
}

/** The headers the signature must cover are in SignedHeaders; an Authorization header comes with X-Amz-Date. */
function requireSigned(received: ReceivedSignature): void {
  for (const name of received.mustSign) {
    if (!received.parsed.signedHeaders.includes(name)) {
      const display =
        name === "host"
          ? "'Host' or ':authority'"
          : `'${name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase())}'`;
      throw new SigV4VerificationError(
        "STEPCORD_SIGV4_UNSIGNED_REQUIRED_HEADER",
        "IncompleteSignatureException",
        `${display} must be a 'SignedHeader' in the AWS Authorization.`,
        { header: name },
      );
    }
  }
  if (received.withoutAmzDate !== undefined) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
      "IncompleteSignatureException",
      `Authorization header requires existence of a 'X-Amz-Date' header (got only 'Date'). Authorization=${received.withoutAmzDate}`,
    );
  }
}
