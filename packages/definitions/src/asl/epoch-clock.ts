import type { AslState } from "./asl.js";

/** The first and last years the clock can read; past `CLOCK_LAST_YEAR` the table lookup fails (see below). */
export const CLOCK_FIRST_YEAR = 2024;
/** Epoch seconds stay below 2^31 until 2038, inside the integer range `States.MathAdd` is documented for. */
export const CLOCK_LAST_YEAR = 2037;

const DAY_SECONDS = 86_400;

export interface EpochClockTables {
  /** `months[year - CLOCK_FIRST_YEAR][month - 1]`: epoch seconds at 00:00 UTC on the 1st of that month. */
  months: number[][];
  /** `days[d]`: seconds from the 1st to day `d` of a month (index 0 unused). */
  days: number[];
  hours: number[];
  minutes: number[];
}

/** The lookup tables the clock adds up, since JSONPath intrinsics can add but not multiply. */
export function epochClockTables(): EpochClockTables {
  const months: number[][] = [];
  for (let year = CLOCK_FIRST_YEAR; year <= CLOCK_LAST_YEAR; year += 1) {
    months.push(Array.from({ length: 12 }, (_, month) => Date.UTC(year, month, 1) / 1000));
  }
  return {
    months,
    days: Array.from({ length: 32 }, (_, day) => Math.max(day - 1, 0) * DAY_SECONDS),
    hours: Array.from({ length: 24 }, (_, hour) => hour * 3600),
    minutes: Array.from({ length: 60 }, (_, minute) => minute * 60),
  };
}

/** `"07"` → 7: `States.StringToJson` refuses a leading zero (not JSON), so a `1` is put before it and 100 taken off. */
function twoDigits(path: string): string {
  return `States.MathAdd(States.StringToJson(States.Format('1{}', ${path})), -100)`;
}

export interface EpochClockArgs {
  /** Where the clock writes `{ now, leaseUntil, expiresAt }` (numbers) and their strings for DynamoDB's `N`. */
  resultPath: string;
  leaseSeconds: number;
  ttlSeconds: number;
  next: string;
  /** A JSONPath to an ISO 8601 UTC time; tests point it at the input to read chosen times. @default "$$.Execution.StartTime" */
  source?: string;
}

/**
 * Pass states that read the execution's start time (`$$.Execution.StartTime`, ISO 8601 UTC) as epoch seconds, to
 * minute precision: the JSONPath flavour has no date functions (JSONata's `$millis()` would be one, but the local
 * runner ignores JSONata). Splits use one-character separators, which AWS and aws-local-stepfunctions split alike.
 * The names start with `Clock`; the last one continues to `next`.
 */
export function epochClockStates(args: EpochClockArgs): Record<string, AslState> {
  const at = args.resultPath;
  const source = args.source ?? "$$.Execution.StartTime";
  return {
    ClockSplit: {
      Type: "Pass",
      Comment: "2026-12-07T05:09:21.123Z → date [2026, 12, 07] and time [05, 09, …].",
      Parameters: {
        "date.$": `States.StringSplit(States.ArrayGetItem(States.StringSplit(${source}, 'T'), 0), '-')`,
        "time.$": `States.StringSplit(States.ArrayGetItem(States.StringSplit(${source}, 'T'), 1), ':')`,
        ...epochClockTables(),
      },
      ResultPath: at,
      Next: "ClockFields",
    },
    ClockFields: {
      Type: "Pass",
      Parameters: {
        "month.$": `States.ArrayGetItem(${at}.months, States.MathAdd(States.StringToJson(States.ArrayGetItem(${at}.date, 0)), -${CLOCK_FIRST_YEAR}))`,
        "monthIndex.$": `States.MathAdd(${twoDigits(`States.ArrayGetItem(${at}.date, 1)`)}, -1)`,
        "day.$": `States.ArrayGetItem(${at}.days, ${twoDigits(`States.ArrayGetItem(${at}.date, 2)`)})`,
        "hour.$": `States.ArrayGetItem(${at}.hours, ${twoDigits(`States.ArrayGetItem(${at}.time, 0)`)})`,
        "minute.$": `States.ArrayGetItem(${at}.minutes, ${twoDigits(`States.ArrayGetItem(${at}.time, 1)`)})`,
      },
      ResultPath: at,
      Next: "ClockSum",
    },
    ClockSum: {
      Type: "Pass",
      Parameters: {
        "now.$": `States.MathAdd(States.MathAdd(States.ArrayGetItem(${at}.month, ${at}.monthIndex), ${at}.day), States.MathAdd(${at}.hour, ${at}.minute))`,
      },
      ResultPath: at,
      Next: "ClockDeadlines",
    },
    ClockDeadlines: {
      Type: "Pass",
      Parameters: {
        "now.$": `${at}.now`,
        "nowText.$": `States.Format('{}', ${at}.now)`,
        "leaseUntilText.$": `States.Format('{}', States.MathAdd(${at}.now, ${args.leaseSeconds}))`,
        "expiresAtText.$": `States.Format('{}', States.MathAdd(${at}.now, ${args.ttlSeconds}))`,
      },
      ResultPath: at,
      Next: args.next,
    },
  };
}
