import type { ClockTime } from "./settings-change.js";

export interface QuietHours {
  from: ClockTime;
  to: ClockTime;
  /** An IANA zone; undefined is UTC. */
  timeZone: string | undefined;
}

const minutes = (t: ClockTime): number => t.hour * 60 + t.minute;

/**
 * Whether `nowMs` falls in the quiet hours, read on the zone's wall clock (so daylight saving moves them with the
 * zone): from inclusive, to exclusive, wrapping midnight when from is later than to, as the bot's UTC `isQuiet` does.
 */
export function isWithinQuietHours(quiet: QuietHours, nowMs: number): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: quiet.timeZone ?? "UTC",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(nowMs));
  const part = (type: "hour" | "minute") => Number(parts.find((p) => p.type === type)?.value);
  const now = part("hour") * 60 + part("minute");
  const start = minutes(quiet.from);
  const end = minutes(quiet.to);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
