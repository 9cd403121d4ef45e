/** Stable codes of SigV4 verification failures. */
export type SigV4VerificationCode =
  | "STEPCORD_SIGV4_MISSING_AUTHENTICATION"
  | "STEPCORD_SIGV4_INCOMPLETE_SIGNATURE"
  | "STEPCORD_SIGV4_UNSUPPORTED_ALGORITHM"
  | "STEPCORD_SIGV4_CREDENTIAL_SCOPE"
  | "STEPCORD_SIGV4_UNSIGNED_REQUIRED_HEADER"
  | "STEPCORD_SIGV4_UNKNOWN_ACCESS_KEY"
  | "STEPCORD_SIGV4_INVALID_TOKEN"
  | "STEPCORD_SIGV4_SIGNATURE_EXPIRED"
  | "STEPCORD_SIGV4_SIGNATURE_NOT_YET_CURRENT"
  | "STEPCORD_SIGV4_REQUEST_EXPIRED"
  | "STEPCORD_SIGV4_CONTENT_SHA256_MISMATCH"
  | "STEPCORD_SIGV4_SIGNATURE_MISMATCH";

/** The error type API Gateway reports (`x-amzn-ErrorType`) for each failure. */
export type AwsErrorType =
  | "MissingAuthenticationTokenException"
  | "ForbiddenException"
  | "IncompleteSignatureException"
  | "InvalidSignatureException"
  | "UnrecognizedClientException";

/**
 * A request failed SigV4 verification. `message` is the text AWS answers with, so an emulator can return
 * `{ "message": error.message }` with `status` (403) and `awsErrorType` as `x-amzn-ErrorType`.
 */
export class SigV4VerificationError extends Error {
  override readonly name = "SigV4VerificationError";
  readonly code: SigV4VerificationCode;
  readonly status = 403;
  readonly awsErrorType: AwsErrorType;
  /** Non-secret context: which access key, which header, which dates. */
  readonly detail: Readonly<Record<string, string>>;

  constructor(
    code: SigV4VerificationCode,
    awsErrorType: AwsErrorType,
    message: string,
    detail: Record<string, string> = {},
  ) {
    super(message);
    this.code = code;
    this.awsErrorType = awsErrorType;
    this.detail = detail;
  }
}

/** AWS's text for a signature that does not match. */
export const SIGNATURE_MISMATCH_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/** AWS's text for an unknown access key and for a session token that does not belong to the key: one text for both. */
export const INVALID_TOKEN_MESSAGE = "The security token included in the request is invalid.";
