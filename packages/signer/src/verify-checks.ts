import { formatAmzDate } from "./amz-date.js";
import type { ParsedSignature } from "./parse-authorization.js";
import { SigV4VerificationError } from "./sigv4-verification-error.js";

/** Checks the credential scope: the request's own day, the expected region and service, and `aws4_request`. */
export function checkScope(
  parsed: ParsedSignature,
  datetime: string,
  region: string | undefined,
  service: string | undefined,
): void {
  const day = datetime.slice(0, 8);
  if (parsed.scopeDate !== day) {
    throw scopeError(
      parsed,
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${day}', from '${datetime}'.`,
    );
  }
  if (region !== undefined && parsed.scopeRegion !== region) {
    throw scopeError(parsed, `Credential should be scoped to a valid region, not '${parsed.scopeRegion}'. `);
  }
  if (service !== undefined && parsed.scopeService !== service) {
    throw scopeError(parsed, `Credential should be scoped to correct service: '${service}'. `);
  }
  if (parsed.scopeTerminator !== "aws4_request") {
    throw scopeError(
      parsed,
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${parsed.scopeTerminator}'. `,
    );
  }
}

function scopeError(parsed: ParsedSignature, message: string): SigV4VerificationError {
  return new SigV4VerificationError("STEPCORD_SIGV4_CREDENTIAL_SCOPE", "InvalidSignatureException", message, {
    accessKeyId: parsed.accessKeyId,
  });
}

export interface SkewInput {
  readonly datetime: string;
  readonly signedAt: Date;
  readonly now: Date;
  readonly maxSkewMs: number;
}

/** Rejects signatures too old or too far in the future; presigned URLs also expire after X-Amz-Expires. */
export function checkSkew(input: SkewInput, presignedExpires: string | undefined): void {
  const { datetime, signedAt, now, maxSkewMs } = input;
  const signed = signedAt.getTime();
  if (signed > now.getTime() + maxSkewMs) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_SIGNATURE_NOT_YET_CURRENT",
      "InvalidSignatureException",
      `Signature not yet current: ${datetime} is still later than ${formatAmzDate(new Date(now.getTime() + maxSkewMs))} (${formatAmzDate(now)} + ${minutesOf(maxSkewMs)})`,
      { signedAt: datetime, now: formatAmzDate(now) },
    );
  }
  if (presignedExpires === undefined) {
    if (signed < now.getTime() - maxSkewMs) {
      throw new SigV4VerificationError(
        "STEPCORD_SIGV4_SIGNATURE_EXPIRED",
        "InvalidSignatureException",
        `Signature expired: ${datetime} is now earlier than ${formatAmzDate(new Date(now.getTime() - maxSkewMs))} (${formatAmzDate(now)} - ${minutesOf(maxSkewMs)})`,
        { signedAt: datetime, now: formatAmzDate(now) },
      );
    }
    return;
  }
  const expires = Number(presignedExpires);
  if (!/^\d+$/.test(presignedExpires) || expires < 1 || expires > 604800) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE",
      "IncompleteSignatureException",
      `X-Amz-Expires must be a whole number of seconds from 1 to 604800 (a week), got '${presignedExpires}'.`,
    );
  }
  if (now.getTime() > signed + expires * 1000) {
    throw new SigV4VerificationError(
      "STEPCORD_SIGV4_REQUEST_EXPIRED",
      "InvalidSignatureException",
      `Request has expired: signed at ${datetime} for ${expires} seconds, now ${formatAmzDate(now)}.`,
      {
        signedAt: datetime,
        now: formatAmzDate(now),
      },
    );
  }
}

function minutesOf(ms: number): string {
  return `${Number((ms / 60_000).toFixed(2))} min.`;
}
