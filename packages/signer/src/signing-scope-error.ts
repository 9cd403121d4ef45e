/** The signing scope (service and region) cannot be inferred from the host name. */
export class SigningScopeError extends Error {
  override readonly name = "SigningScopeError";
  readonly code = "STEPCORD_SIGNING_SCOPE";
  readonly host: string;

  constructor(host: string, reason: string) {
    super(
      `Cannot infer the SigV4 signing scope from host "${host}": ${reason}. ` +
        'Pass region and service explicitly (for API Gateway: service "execute-api" and the API\'s region).',
    );
    this.host = host;
  }
}
