/** The sigv4 command line was used wrongly; `exitCode` is 2, as for usage errors elsewhere. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
  readonly code = "STEPCORD_SIGV4_CLI_USAGE";
  readonly exitCode = 2;
}

/** `pulumi stack output` could not give the URL: the CLI is missing, it failed, or the output does not exist. */
export class PulumiOutputError extends Error {
  override readonly name = "PulumiOutputError";
  readonly code = "STEPCORD_PULUMI_OUTPUT";
  readonly exitCode = 1;
  readonly stackName: string;
  readonly output: string;

  constructor(stackName: string, output: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.stackName = stackName;
    this.output = output;
  }
}
