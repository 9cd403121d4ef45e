export type { Aws4Result as SigningStages } from "./aws4-adapter.js";
export type { PathOptions } from "./canonical-path.js";
export { CliUsageError, PulumiOutputError } from "./cli/cli-error.js";
export { pulumiCliMissingMessage } from "./cli/pulumi-output.js";
export type { CliContext, CliStream } from "./cli/run-cli.js";
export { EXIT, runCli, USAGE } from "./cli/run-cli.js";
export { ClockSkewRetryHandler, isClockSkewMessage } from "./clock-skew.js";
export type { MemoizeOptions } from "./credentials.js";
export { defaultCredentials, memoizeCredentials, staticCredentials } from "./credentials.js";
export { CredentialsError } from "./credentials-error.js";
export type { SigningScope } from "./infer-scope.js";
export { inferServiceAndRegion } from "./infer-scope.js";
export type { Sigv4InterceptorOptions } from "./interceptor.js";
export { flattenHeaders, sigv4Interceptor } from "./interceptor.js";
export type { PresignedRequest, PresignOptions, SignedRequest, SignOptions } from "./sign.js";
export { canonicalRequest, presign, sign, signingStages, stringToSign } from "./sign.js";
export type { SignedRequestOptions } from "./signed-request.js";
export { signedRequest } from "./signed-request.js";
export { SigningInputError } from "./signing-input-error.js";
export { SigningScopeError } from "./signing-scope-error.js";
export type { AwsErrorType, SigV4VerificationCode } from "./sigv4-verification-error.js";
export {
  INVALID_TOKEN_MESSAGE,
  SIGNATURE_MISMATCH_MESSAGE,
  SigV4VerificationError,
} from "./sigv4-verification-error.js";
export type { Clock, Credentials, CredentialsProvider, RequestToSign, SignableBody } from "./types.js";
export type { KnownCredentials, RequestToVerify, VerifiedRequest, VerifyOptions } from "./verify.js";
export { verify } from "./verify.js";
export type { ReceivedHeaders } from "./verify-input.js";
