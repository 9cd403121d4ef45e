/**
 * Quiet hours on a wall clock: from `fromMinutes` (inclusive) to `toMinutes` (exclusive) after midnight, read in
 * `timeZone` (IANA). A window whose end comes before its start wraps past midnight; one that starts where it ends is
 * never quiet. The environment's QUIET_HOURS is such a window in UTC; a server's `quietHours` names its own zone.
 */
export interface QuietWindow {
  fromMinutes: number;
  toMinutes: number;
  timeZone: string;
}

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using it, and zones are few. */
const clocks = new Map<string, Intl.DateTimeFormat>();

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    // h23, not hour12: false, which some ICU versions render as "24" at midnight.
    clock = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      hour: "2-digit",
      minute: "2-digit",
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * Minutes after midnight on the wall clock of `timeZone` at `nowMs`. ICU's tz data applies each zone's offset for
 * that instant (ECMA-402, GetNamedTimeZoneOffsetNanoseconds), so a daylight-saving change moves the result with it.
 */
export function minutesInZone(nowMs: number, timeZone: string): number {
  let hour = 0;
  let minute = 0;
  for (const part of clockOf(timeZone).formatToParts(nowMs)) {
    if (part.type === "hour") hour = Number(part.value);
    else if (part.type === "minute") minute = Number(part.value);
  }
  return hour * 60 + minute;
}

/**
 * Whether `nowMs` falls in the rules' quiet hours. Read on the wall clock, so "22:00–07:00 Europe/Berlin" ends at
 * 07:00 local time on both sides of a daylight-saving change, and a start inside the hour a spring change skips
 * takes effect when the clock next shows a later time.
 */
export function isQuiet(rules: { quietHours: QuietWindow | undefined }, nowMs: number): boolean {
  const q = rules.quietHours;
  if (q === undefined) return false;
  const m = minutesInZone(nowMs, q.timeZone);
  return q.fromMinutes <= q.toMinutes
    ? m >= q.fromMinutes && m < q.toMinutes
    : m >= q.fromMinutes || m < q.toMinutes;
}
