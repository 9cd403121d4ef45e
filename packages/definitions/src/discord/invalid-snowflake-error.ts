/** An id that must be a Discord snowflake (reference.mdx, "Snowflakes": a 64-bit integer sent as a string) is not. */
export class InvalidSnowflakeError extends Error {
  override readonly name = "InvalidSnowflakeError" as const;
  readonly code = "INVALID_SNOWFLAKE" as const;

  constructor(
    readonly field: string,
    value: string,
  ) {
    super(`Invalid ${field} ${JSON.stringify(value)}. Must be a Discord snowflake (digits only).`);
  }
}
