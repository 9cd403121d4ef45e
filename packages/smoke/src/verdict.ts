/**
 * The hops a batch crosses, in the order it crosses them. On the webhook API the route is matched before IAM
 * authorizes the caller, so a wrong Path is a 404 whoever signs.
 */
export const HOPS = {
  eventsApi: "bot identity → events API (SigV4, POST /events)",
  startExecution: "events API → Step Functions (events role, StartExecution or StartSyncExecution)",
  workflow: "workflow accepts the batch",
  webhookRoute: 'workflow → webhook API route (Path "/" → POST /)',
  webhookAuth: "webhook API accepts the state machine role (execute-api:Invoke)",
  discord: "webhook API → Discord (forwarded headers, ?wait=true)",
} as const;
export type Hop = (typeof HOPS)[keyof typeof HOPS];
/** The hops in order. */
export const HOP_ORDER: readonly Hop[] = Object.values(HOPS);

export interface Verdict {
  /** The hop this verdict is about: for a pass, the last hop it vouches for; for a failure, the hop that failed. */
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
  | {
      status: "FAILED" | "TIMED_OUT" | "ABORTED";
      error: string;
      cause: string;
      /** Errors of the failure entries logged before the end (e.g. TaskFailed `ApiGateway.401`), oldest first. */
      taskErrors?: string[];
    }
  | { status: "UNKNOWN"; reason: string; fix: string };
