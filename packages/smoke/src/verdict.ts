/** The hops a batch crosses, in order. */
export const HOPS = {
  eventsApi: "events API (bot identity → POST /events → events role → StartExecution)",
  execution: "workflow (state machine role → webhook API POST / → Discord ?wait=true)",
} as const;
export type Hop = (typeof HOPS)[keyof typeof HOPS];

export interface Verdict {
  hop: Hop;
  ok: boolean;
  /** What was observed, in one sentence; never a secret. */
  summary: string;
  /** What to do; set when `ok` is false. */
  fix?: string;
}

/** The events API's answer to the signed POST. */
export interface EventsAnswer {
  status: number;
  body: string;
}

/** What the smoke check learned about the execution. */
export type ExecutionObservation =
  | { status: "SUCCEEDED"; evidence: string }
  | { status: "FAILED" | "TIMED_OUT" | "ABORTED"; error: string; cause: string }
  | { status: "UNKNOWN"; reason: string; fix: string };
