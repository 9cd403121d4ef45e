/** The AWS SDK's default credential chain found no usable credentials. */
export class CredentialsError extends Error {
  override readonly name = "CredentialsError";
  readonly code = "STEPCORD_CREDENTIALS";
  readonly profile: string | undefined;

  constructor(reason: string, profile: string | undefined, options?: ErrorOptions) {
    super(
      `Could not load AWS credentials from the default chain${profile ? ` (profile "${profile}")` : ""}: ${reason}. ` +
        "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (run `aws sso login` for SSO profiles), " +
        "or pass credentials explicitly.",
      options,
    );
    this.profile = profile;
  }
}
