/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes store milliseconds since it in their top 42 bits. */
export const DISCORD_EPOCH_MS = 1420070400000;

/**
 * Makes snowflakes from the injected clock, strictly increasing even when the clock stands
 * still or steps back (a frozen test clock must still yield distinct, ordered ids).
 */
export class SnowflakeGenerator {
  private last = 0n;

  constructor(private readonly now: () => number) {}

  next(): string {
    const ms = BigInt(Math.max(0, Math.floor(this.now()) - DISCORD_EPOCH_MS));
    let id = ms << 22n;
    if (id <= this.last) id = this.last + 1n;
    this.last = id;
    return id.toString();
  }
}

/** Recovers the creation time a snowflake encodes. */
export const snowflakeTime = (id: string): number => Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
