import type { AslDefinition, AslState } from "./asl.js";

/**
 * Defaults the Amazon States Language gives a retrier's fields left out (https://states-language.net/spec.html,
 * "Retrying after error"): wait 1 s, double it, try 3 times. A Task without TimeoutSeconds is refused instead: its
 * default differs between the spec and Step Functions, and either is far beyond any budget here.
 */
const ASL_DEFAULT_INTERVAL_SECONDS = 1;
const ASL_DEFAULT_BACKOFF_RATE = 2;
const ASL_DEFAULT_MAX_ATTEMPTS = 3;

/** Thrown when a definition's worst case cannot be bounded (a loop, a Wait read from input, a Task inside a Map). */
export class UnboundedTimeBudgetError extends Error {
  override readonly name = "UnboundedTimeBudgetError";
  readonly code = "STEPCORD_UNBOUNDED_TIME_BUDGET";
  constructor(
    readonly state: string,
    reason: string,
  ) {
    super(
      `Cannot bound the worst case of state ${state}: ${reason}. Give it a fixed bound, so the workflow's ` +
        "TimeoutSeconds can be checked against it.",
    );
  }
}

export interface TimeBudget {
  /** The longest the states can take, retries and their waits included, on the slowest path. */
  seconds: number;
  /** That path, state by state. */
  path: string[];
}

interface RetrierFields {
  ErrorEquals?: string[];
  IntervalSeconds?: number;
  BackoffRate?: number;
  MaxAttempts?: number;
  MaxDelaySeconds?: number;
}

/**
 * The worst case of one Task: every attempt runs to its TimeoutSeconds, and every retrier spends all its attempts
 * (each retrier counts its own, so they add up), waiting its full interval each time (FULL jitter waits at most that).
 */
export function taskWorstCaseSeconds(name: string, state: AslState): number {
  const timeout = state.TimeoutSeconds;
  if (typeof timeout !== "number") throw new UnboundedTimeBudgetError(name, "a Task without TimeoutSeconds");
  let attempts = 1;
  let waits = 0;
  for (const retrier of (state.Retry as RetrierFields[] | undefined) ?? []) {
    const maxAttempts = retrier.MaxAttempts ?? ASL_DEFAULT_MAX_ATTEMPTS;
    const interval = retrier.IntervalSeconds ?? ASL_DEFAULT_INTERVAL_SECONDS;
    const rate = retrier.BackoffRate ?? ASL_DEFAULT_BACKOFF_RATE;
    for (let retry = 0; retry < maxAttempts; retry += 1) {
      const wait = interval * rate ** retry;
      waits += retrier.MaxDelaySeconds === undefined ? wait : Math.min(wait, retrier.MaxDelaySeconds);
    }
    attempts += maxAttempts;
  }
  return attempts * timeout + waits;
}

function ownSeconds(name: string, state: AslState): number {
  switch (state.Type) {
    case "Task":
      return taskWorstCaseSeconds(name, state);
    case "Wait":
      if (typeof state.Seconds === "number") return state.Seconds;
      throw new UnboundedTimeBudgetError(name, "a Wait whose time is read from the input");
    case "Map":
    case "Parallel": {
      type Processor = { StartAt: string; States: Record<string, AslState> };
      const processor = (state.ItemProcessor ?? state.Iterator) as Processor | undefined;
      const inner = [
        ...(processor ? [processor] : []),
        ...((state.Branches as Processor[] | undefined) ?? []),
      ];
      // Pass and Choice states take no time of their own; anything that waits would multiply by the item count.
      for (const each of inner) {
        if (longestPath(each.StartAt, each.States).seconds > 0)
          throw new UnboundedTimeBudgetError(name, "a Task or Wait inside a Map or Parallel");
      }
      return 0;
    }
    default:
      return 0;
  }
}

function successors(state: AslState): string[] {
  const next: string[] = [];
  if (typeof state.Next === "string") next.push(state.Next);
  if (typeof state.Default === "string") next.push(state.Default);
  for (const choice of (state.Choices as { Next?: string }[] | undefined) ?? []) {
    if (typeof choice.Next === "string") next.push(choice.Next);
  }
  for (const handler of (state.Catch as { Next?: string }[] | undefined) ?? []) {
    if (typeof handler.Next === "string") next.push(handler.Next);
  }
  return [...new Set(next)];
}

function longestPath(start: string, states: Record<string, AslState>): TimeBudget {
  const memo = new Map<string, TimeBudget>();
  const visiting = new Set<string>();
  const visit = (name: string): TimeBudget => {
    const known = memo.get(name);
    if (known) return known;
    const state = states[name];
    if (!state) throw new UnboundedTimeBudgetError(name, "no such state");
    if (visiting.has(name)) throw new UnboundedTimeBudgetError(name, "it is part of a loop");
    visiting.add(name);
    let slowest: TimeBudget = { seconds: 0, path: [] };
    for (const next of successors(state)) {
      const after = visit(next);
      if (after.seconds > slowest.seconds || slowest.path.length === 0) slowest = after;
    }
    visiting.delete(name);
    const budget = { seconds: ownSeconds(name, state) + slowest.seconds, path: [name, ...slowest.path] };
    memo.set(name, budget);
    return budget;
  };
  return visit(start);
}

/**
 * The longest a definition's states can take on any path from StartAt, with every Task at its TimeoutSeconds and
 * every retry spent: what the workflow's TimeoutSeconds must cover, or the execution is stopped mid-way (a claim left
 * without its outcome). State transitions themselves are not counted (Step Functions documents no figure for them).
 */
export function worstCaseSeconds(definition: AslDefinition): TimeBudget {
  return longestPath(definition.StartAt, definition.States);
}

/** Thrown by a builder whose states could outlast the TimeoutSeconds it gives the workflow. */
export class TimeBudgetExceededError extends Error {
  override readonly name = "TimeBudgetExceededError";
  readonly code = "STEPCORD_TIME_BUDGET_EXCEEDED";
  constructor(
    readonly budget: TimeBudget,
    readonly timeoutSeconds: number,
  ) {
    super(
      `The workflow's states can take ${budget.seconds} s (${budget.path.join(" → ")}), beyond its TimeoutSeconds ` +
        `${timeoutSeconds}: it would be stopped between its claim and the claim's outcome. Lower the retries or ` +
        "the Task timeouts.",
    );
  }
}
