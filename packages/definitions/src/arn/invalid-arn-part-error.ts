/**
 * Thrown when an ARN would be built from a missing or malformed part. The message names the part and the value,
 * because the classic failure (AWS CDK's `.../undefined/POSTundefined`, aws/aws-cdk#17464) produces an ARN that
 * IAM accepts silently and that then matches nothing.
 */
export class InvalidArnPartError extends Error {
  override readonly name = "InvalidArnPartError";
  readonly code = "STEPCORD_INVALID_ARN_PART";
  readonly part: string;
  readonly value: unknown;

  constructor(part: string, value: unknown, rule: string) {
    super(`Invalid ARN part "${part}": got ${describe(value)}. Must be ${rule}.`);
    this.part = part;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  return `${typeof value} ${String(value)}`;
}
