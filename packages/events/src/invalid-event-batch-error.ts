import type { z } from "zod";

/** One problem with a batch, with the full path of the offending field (`events[2].user.id`). */
export interface EventBatchProblem {
  readonly path: string;
  readonly message: string;
}

/** A document does not satisfy the event contract; `problems` lists every violation at once. */
export class InvalidEventBatchError extends Error {
  override readonly name = "InvalidEventBatchError";
  readonly code = "STEPCORD_INVALID_EVENT_BATCH";
  readonly problems: readonly EventBatchProblem[];

  constructor(problems: readonly EventBatchProblem[], options?: ErrorOptions) {
    const list = problems.map((problem) => `  - ${problem.path}: ${problem.message}`).join("\n");
    super(
      `The voice event batch does not match the stepcord event contract v1 (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${list}\nBuild batches with createVoiceEventBatch() from @stepcord/events so they always match.`,
      options,
    );
    this.problems = problems;
  }

  static fromZod(error: z.ZodError): InvalidEventBatchError {
    return new InvalidEventBatchError(
      error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      { cause: error },
    );
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(batch)";
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
}
