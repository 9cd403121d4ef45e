import { minutesOfDay } from "../../servers/server-rules.js";

/** Quiet hours as issue 14's `QuietHours` holds them; `timeZone` undefined is UTC. */
export interface QuietWindow {
  from: string;
  to: string;
  timeZone?: string | undefined;
}

/**
 * Whether `nowMs` falls in the quiet hours, read on the zone's wall clock (so daylight saving moves them with the
 * zone): from inclusive, to exclusive, wrapping midnight when from is later than to, as `QuietHours` documents and
 * the bot's UTC `isQuiet` does.
 */
export function isWithinQuietHours(quiet: QuietWindow, nowMs: number): boolean {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: quiet.timeZone ?? "UTC",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(nowMs));
  const part = (type: "hour" | "minute") => Number(parts.find((p) => p.type === type)?.value);
  const now = part("hour") * 60 + part("minute");
  const start = minutesOfDay(quiet.from);
  const end = minutesOfDay(quiet.to);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
