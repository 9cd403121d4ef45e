import type { Clock } from "./types.js";

// Requests signed in one burst share their second; remembering the last one saves a toISOString and a regex each.
let lastSecond = Number.NaN;
let lastFormatted = "";

/** `2015-08-30T12:36:00.000Z` → `20150830T123600Z`. */
export function formatAmzDate(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastFormatted = date.toISOString().replace(/[:-]|\.\d{3}/g, "");
    lastSecond = second;
  }
  return lastFormatted;
}

/** `20150830T123600Z` → a Date, or undefined when malformed. */
export function parseAmzDate(value: string): Date | undefined {
  // A verifier sees many requests signed in the same second: remember the last answer.
  if (value === lastParsed) return new Date(lastParsedMs);
  const match = AMZ_DATE.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  lastParsed = value;
  lastParsedMs = date.getTime();
  return date;
}

// undefined until a first valid parse: an initial "" here would answer parseAmzDate("") with 1970.
let lastParsed: string | undefined;
let lastParsedMs = 0;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Reads a clock; defaults to the system clock. */
export function readClock(clock: Clock | undefined): Date {
  if (clock === undefined) return new Date();
  return typeof clock === "function" ? clock() : clock;
}
