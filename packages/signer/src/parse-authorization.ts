import { SigV4VerificationError } from "./sigv4-verification-error.js";

/** The parts of a SigV4 Authorization header or presigned query. */
export interface ParsedSignature {
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly scopeDate: string;
  readonly scopeRegion: string;
  readonly scopeService: string;
  readonly scopeTerminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses `AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/service/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export function parseAuthorizationHeader(header: string, hasDate: boolean): ParsedSignature {
  const trimmed = header.trim();
  const space = trimmed.indexOf(" ");
  const algorithm = space === -1 ? trimmed : trimmed.slice(0, space);
  const rest = space === -1 ? "" : trimmed.slice(space + 1);
  const params = new Map<string, string>();
  for (const piece of rest.split(",")) {
    const part = piece.trim();
    if (part === "") continue;
    const equals = part.indexOf("=");
    if (equals === -1) {
      throw incomplete(
        `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${trimmed}'.`,
      );
    }
    params.set(part.slice(0, equals), part.slice(equals + 1));
  }
  const missing: string[] = [];
  for (const name of ["Credential", "Signature", "SignedHeaders"]) {
    if (!params.get(name)) missing.push(`Authorization header requires '${name}' parameter.`);
  }
  if (!hasDate)
    missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (missing.length > 0) throw incomplete(`${missing.join(" ")} Authorization=${trimmed}`);
  return assemble(
    algorithm,
    params.get("Credential") ?? "",
    params.get("SignedHeaders") ?? "",
    params.get("Signature") ?? "",
  );
}

/** Parses the X-Amz-* parameters of a presigned URL. */
export function parsePresignedQuery(query: URLSearchParams): ParsedSignature {
  const missing: string[] = [];
  for (const name of [
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Signature",
    "X-Amz-SignedHeaders",
    "X-Amz-Date",
  ]) {
    if (!query.get(name)) missing.push(`AWS query-string parameters must include '${name}'.`);
  }
  if (missing.length > 0) throw incomplete(`${missing.join(" ")} Re-examine the query-string parameters.`);
  return assemble(
    query.get("X-Amz-Algorithm") ?? "",
    query.get("X-Amz-Credential") ?? "",
    query.get("X-Amz-SignedHeaders") ?? "",
    query.get("X-Amz-Signature") ?? "",
  );
}

function assemble(
  algorithm: string,
  credential: string,
  signedHeaders: string,
  signature: string,
): ParsedSignature {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((part) => part === "")) {
    throw incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId = "", scopeDate = "", scopeRegion = "", scopeService = "", scopeTerminator = ""] = parts;
  return {
    algorithm,
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    signedHeaders: signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
    signature: signature.trim(),
  };
}

function incomplete(message: string): SigV4VerificationError {
  return new SigV4VerificationError(
    "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
    "IncompleteSignatureException",
    message,
  );
}
