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
  /** Allowed clock difference in both directions; AWS uses 5 minutes. */
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
  // Most requests carry an Authorization header and no X-Amz-* query: parse the query only when it can matter.
  const params = /x-amz-/i.test(query) ? new URLSearchParams(query) : NO_PARAMS;
  const authorization = headers.authorization;
  const mode =
    authorization !== undefined
      ? "header"
      : params.has("X-Amz-Algorithm") || params.has("X-Amz-Signature") || params.has("X-Amz-Credential")
        ? "query"
        : undefined;
  if (mode === undefined) {
    throw options.apiType === "HTTP"
      ? new SigV4VerificationError("STEPCORD_SIGV4_MISSING_AUTHENTICATION", "ForbiddenException", "Forbidden")
      : new SigV4VerificationError(
          "STEPCORD_SIGV4_MISSING_AUTHENTICATION",
          "MissingAuthenticationTokenException",
          "Missing Authentication Token",
        );
  }
  const parsed =
    mode === "header"
      ? parseAuthorizationHeader(
          authorization ?? "",
          headers["x-amz-date"] !== undefined || headers.date !== undefined,
        )
      : parsePresignedQuery(params);
  if (parsed.algorithm !== "AWS4-HMAC-SHA256") {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_UNSUPPORTED_ALGORITHM",
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm': '${parsed.algorithm}'. Sign with AWS4-HMAC-SHA256.`,
    );
  }
  const datetime = (mode === "header" ? headers["x-amz-date"] : params.get("X-Amz-Date")) ?? "";
  requireSigned(parsed, mode, headers);
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
    maxSkewMs: options.maxSkewMs ?? 300_000,
  };
  checkSkew(skew, mode === "query" ? (params.get("X-Amz-Expires") ?? "") : undefined);
  const known = await options.lookup(parsed.accessKeyId);
  if (known === undefined) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_UNKNOWN_ACCESS_KEY",
      "UnrecognizedClientException",
      INVALID_TOKEN_MESSAGE,
      { accessKeyId: parsed.accessKeyId },
    );
  }
  const token =
    mode === "header" ? headers["x-amz-security-token"] : (params.get("X-Amz-Security-Token") ?? undefined);
  if (!sameSecret(token ?? "", known.sessionToken ?? "")) {
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
  const expected = computeSignature(
    parsed,
    mode,
    request.method,
    path,
    query,
    headers,
    payloadHash,
    datetime,
    known,
    options,
  );
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
    mode,
  };
}

function computeSignature(
  parsed: ParsedSignature,
  mode: "header" | "query",
  method: string,
  path: string,
  query: string,
  headers: Record<string, string>,
  payloadHash: string,
  datetime: string,
  known: KnownCredentials<unknown>,
  pathOptions: PathOptions,
): string | undefined {
  const signedHeaders: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = headers[name];
    if (value !== undefined) signedHeaders[name] = value;
  }
  const unsignedQuery =
    mode === "query"
      ? query
          .split("&")
          .filter((piece) => !/^X-Amz-Signature=/i.test(piece))
          .join("&")
      : query;
  try {
    return runAws4({
      method: method.toUpperCase(),
      path: unsignedQuery === "" ? path : `${path}?${unsignedQuery}`,
      headers: signedHeaders,
      payloadHash,
      signPayloadHashHeader: signedHeaders["x-amz-content-sha256"] !== undefined,
      accessKeyId: parsed.accessKeyId,
      secretAccessKey: known.secretAccessKey,
      sessionToken: known.sessionToken,
      region: parsed.scopeRegion,
      service: parsed.scopeService,
      datetime,
      signQuery: mode === "query",
      includeHeaders: parsed.signedHeaders,
      signatureOnly: true,
      normalizePath: pathOptions.normalizePath,
      uriEscapePath: pathOptions.uriEscapePath,
    }).signature;
  } catch {
    return undefined; // e.g. a malformed percent-escape in the path: it cannot match any signature
  }
}

/** host (and, with an Authorization header, x-amz-date and any session token) must be covered by the signature. */
function requireSigned(
  parsed: ParsedSignature,
  mode: "header" | "query",
  headers: Record<string, string>,
): void {
  const required = ["host"];
  if (mode === "header") required.push("x-amz-date");
  if (mode === "header" && headers["x-amz-security-token"] !== undefined)
    required.push("x-amz-security-token");
  for (const name of required) {
    if (!parsed.signedHeaders.includes(name)) {
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
  if (mode === "header" && headers["x-amz-date"] === undefined) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
      "IncompleteSignatureException",
      `Authorization header requires existence of a 'X-Amz-Date' header (got only 'Date'). Authorization=${headers.authorization ?? ""}`,
    );
  }
}
