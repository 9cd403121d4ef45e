import type { ClockTime } from "./settings-change.js";

const CLOCK = /^(\d{1,2})(?::(\d{2}))?$/;

/** "23" or "7" (an hour) or "23:30" → { hour, minute }; undefined for anything else or out of 0-23 / 0-59. */
export function parseClockTime(text: string): ClockTime | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}
