import { MAX_PAUSE_MS, MIN_PAUSE_MS } from "../commands/settings-limits.js";

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;
const DURATION = /^(?:(\d{1,3})d)?(?:(\d{1,4})h)?(?:(\d{1,6})m)?$/;

/** "30m", "2h", "1d", "1h30m" → milliseconds; undefined when the text is not such a duration or out of range. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase().replace(/\s+/g, ""));
  if (!match || (match[1] === undefined && match[2] === undefined && match[3] === undefined))
    return undefined;
  const ms =
    Number(match[1] ?? 0) * UNIT_MS.d + Number(match[2] ?? 0) * UNIT_MS.h + Number(match[3] ?? 0) * UNIT_MS.m;
  return ms >= MIN_PAUSE_MS && ms <= MAX_PAUSE_MS ? ms : undefined;
}
