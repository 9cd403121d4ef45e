import type { Clock } from "./types.js";

/** `2015-08-30T12:36:00.000Z` → `20150830T123600Z`. */
export function formatAmzDate(date: Date): string {
  return date.toISOString().replace(/[:-]|\.\d{3}/g, "");
}

/** `20150830T123600Z` → a Date, or undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Reads a clock; defaults to the system clock. */
export function readClock(clock: Clock | undefined): Date {
  if (clock === undefined) return new Date();
  return typeof clock === "function" ? clock() : clock;
}
