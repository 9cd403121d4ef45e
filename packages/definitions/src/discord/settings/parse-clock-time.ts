const CLOCK = /^(\d{1,2})(?::(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * "23" or "7" (an hour) or "23:30" or "7:05" → "HH:MM" (`"07:05"`), the form of issue 14's `QuietHours`; undefined for
 * anything else or out of 0-23 / 0-59.
 */
export function parseClockTime(text: string): string | undefined {
  const match = CLOCK.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  return hour <= 23 && minute <= 59 ? `${pad(hour)}:${pad(minute)}` : undefined;
}
