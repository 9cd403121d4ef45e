/** reference.mdx, "Snowflakes": "Milliseconds since Discord Epoch, the first second of 2015" in bits 63-22. */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

/** When the thing a snowflake names was created, in epoch milliseconds; undefined for anything not a snowflake. */
export function snowflakeTimeMs(id: string): number | undefined {
  if (!/^[0-9]{1,20}$/.test(id)) return undefined;
  const value = BigInt(id);
  if (value >= 1n << 64n) return undefined;
  return Number(value >> 22n) + DISCORD_EPOCH_MS;
}
