import { randomUUID } from "node:crypto";
import type { AslDefinition, AslState } from "@stepcord/definitions";
import { StateMachine } from "aws-local-stepfunctions";
import type { Logger } from "pino";
import { INPUT_TOO_DEEP_ERROR, jsonDepth, MAX_LOCAL_INPUT_DEPTH } from "./input-depth.js";

type JsonValue = Parameters<StateMachine["run"]>[0];
export type TaskHandler = (input: JsonValue) => Promise<JsonValue>;

export interface HistoryEvent {
  id: number;
  timestamp: Date;
  type: string;
  stateName?: string;
  error?: string;
  cause?: string;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

/** Thrown at start-up when the local runner could not run a definition the way AWS would. */
export class UnsupportedDefinitionError extends Error {
  override readonly name = "UnsupportedDefinitionError";
  readonly code = "STEPCORD_UNSUPPORTED_DEFINITION";
}

export interface WorkflowRunnerOptions {
  stateMachineArn: string;
  definition: AslDefinition;
  /** One handler per Task state name; every Task needs one, or the library would call real AWS. */
  taskHandlers: Record<string, TaskHandler>;
  /** Milliseconds between retries; AWS's backoff in seconds would make the demo crawl. @default 100 */
  retryIntervalMs?: number;
  logger: Logger;
  now?: () => Date;
}

/** Runs the generated ASL in aws-local-stepfunctions and keeps an execution history like Step Functions'. */
export class WorkflowRunner {
  readonly stateMachineArn: string;
  readonly definition: AslDefinition;
  readonly #machine: StateMachine;
  readonly #options: WorkflowRunnerOptions;
  readonly #executions: ExecutionRecord[] = [];
  readonly #running = new Set<Promise<void>>();
  readonly #done = new WeakMap<ExecutionRecord, Promise<void>>();

  constructor(options: WorkflowRunnerOptions) {
    if ((options.definition as { QueryLanguage?: string }).QueryLanguage === "JSONata") {
      throw new UnsupportedDefinitionError(
        "The definition uses JSONata, which aws-local-stepfunctions ignores silently; build it as JSONPath.",
      );
    }
    const tasks = taskStateNames(options.definition.States);
    const missing = tasks.filter((name) => !(name in options.taskHandlers));
    if (missing.length > 0) {
      throw new UnsupportedDefinitionError(
        `Task state(s) ${missing.join(", ")} have no local handler; without one aws-local-stepfunctions would call ` +
          "real AWS. Add a handler for each in the local stack.",
      );
    }
    this.stateMachineArn = options.stateMachineArn;
    this.definition = options.definition;
    this.#options = options;
    this.#machine = new StateMachine(options.definition as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
  }

  /** Starts an execution like StartExecution: returns at once; the run continues in the background. */
  start(input: string, name: string = randomUUID()): ExecutionRecord {
    const now = this.#options.now ?? (() => new Date());
    const record: ExecutionRecord = {
      executionArn: `${this.stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`,
      stateMachineArn: this.stateMachineArn,
      name,
      status: "RUNNING",
      startDate: now(),
      input,
      history: [],
    };
    this.#executions.push(record);
    const parsed = JSON.parse(input) as JsonValue;
    const depth = jsonDepth(parsed);
    if (depth > MAX_LOCAL_INPUT_DEPTH) {
      record.status = "FAILED";
      record.error = INPUT_TOO_DEEP_ERROR;
      record.cause =
        `The execution input nests ${depth} levels deep; the local runner takes at most ${MAX_LOCAL_INPUT_DEPTH}. ` +
        "Send a voice event batch built with createVoiceEventBatch() from @stepcord/events.";
      record.history.push({
        id: 1,
        timestamp: now(),
        type: "ExecutionFailed",
        error: record.error,
        cause: record.cause,
      });
      record.stopDate = now();
      return record;
    }
    const interval = this.#options.retryIntervalMs ?? 100;
    const retryIntervalOverrides = Object.fromEntries(
      taskStateNames(this.definition.States).map((state) => [state, interval]),
    );
    const execution = this.#machine.run(parsed, {
      overrides: { taskResourceLocalHandlers: this.#options.taskHandlers, retryIntervalOverrides },
      context: {
        Execution: { Id: record.executionArn, Name: name, StartTime: record.startDate.toISOString() },
      } as never,
    });
    const done = (async () => {
      const history = (async () => {
        for await (const event of execution.eventLogs) {
          const item = event as { type: string; state?: { name?: string }; Error?: string; Cause?: string };
          record.history.push({
            id: record.history.length + 1,
            timestamp: now(),
            type: item.type,
            ...(item.state?.name ? { stateName: item.state.name } : {}),
            ...(item.Error ? { error: item.Error } : {}),
            ...(item.Cause ? { cause: item.Cause } : {}),
          });
        }
      })();
      try {
        record.output = JSON.stringify(await execution.result);
        record.status = "SUCCEEDED";
      } catch (error) {
        const failure = error as {
          name?: string;
          message?: string;
          cause?: { name?: string; message?: string };
        };
        record.status = "FAILED";
        record.error = failure.cause?.name ?? failure.name ?? "States.Runtime";
        record.cause = failure.cause?.message ?? failure.message ?? "";
        this.#options.logger.warn(
          { execution: name, error: record.error },
          "workflow execution failed (see its history for the cause)",
        );
      }
      await history.catch(() => undefined);
      record.stopDate = now();
    })();
    this.#running.add(done);
    this.#done.set(record, done);
    void done.finally(() => this.#running.delete(done));
    return record;
  }

  /** Runs an execution to its end, like StartSyncExecution. */
  async run(input: string, name?: string): Promise<ExecutionRecord> {
    const record = this.start(input, name);
    await this.#done.get(record);
    return record;
  }

  executions(): readonly ExecutionRecord[] {
    return this.#executions;
  }

  /** Resolves when no execution is running. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all([...this.#running]);
  }
}

/** Task state names anywhere in the definition, including inside Map and Parallel states. */
export function taskStateNames(states: Record<string, AslState>): string[] {
  return Object.entries(states).flatMap(([name, state]) => {
    const nested: Record<string, AslState>[] = [];
    const processor = (state.ItemProcessor ?? state.Iterator) as
      | { States?: Record<string, AslState> }
      | undefined;
    if (processor?.States) nested.push(processor.States);
    for (const branch of (state.Branches as { States: Record<string, AslState> }[] | undefined) ?? []) {
      nested.push(branch.States);
    }
    return [...(state.Type === "Task" ? [name] : []), ...nested.flatMap(taskStateNames)];
  });
}
