import { AwsJsonError, type AwsJsonServerOptions, serverOptions, startAwsJsonApi } from "./aws-json-api.js";
import { type ExecutionRecord, taskStateNames, type WorkflowRunner } from "./workflow-runner.js";

export interface LogsApiOptions extends AwsJsonServerOptions {
  runner: WorkflowRunner;
  /** The workflow's log group, as NotifierWorkflow names it (`/aws/vendedlogs/states/...`). */
  logGroupName: string;
  logGroupArn: string;
}

/**
 * The execution events a state machine logs at level ERROR, the level NotifierWorkflow sets. Success is not among
 * them. Source: https://docs.aws.amazon.com/step-functions/latest/dg/cloudwatch-log-level.html (ERROR logs failure
 * events such as ExecutionFailed; only ALL logs ExecutionSucceeded).
 */
const TERMINAL_FAILURES = { FAILED: "ExecutionFailed" } as const;
const TASK_FAILED = "TaskFailed";

/**
 * The two filter pattern forms the stand-in understands: a JSON equality `{ $.field = "value" }` and one quoted term
 * `"text"`, which matches events containing the exact text. Source:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html.
 */
const JSON_EQUALS = /^\{\s*\$\.([a-z_]+)\s*=\s*"([^"]*)"\s*\}$/;
const QUOTED_TERM = /^"([^"]+)"$/;

/**
 * The workflow's log entries at level ERROR, in Step Functions' CloudWatch Logs shape (`id`, `type`, `details`,
 * `previous_event_id`, `event_timestamp` in epoch milliseconds as a string, `execution_arn`): a `TaskFailed` for each
 * failed call of a Task state (retried or not; aws-local-stepfunctions calls it StateFailed) and the `ExecutionFailed`
 * that ends a failed execution. A succeeded execution logs nothing at this level. Source:
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html and cloudwatch-log-level.html.
 */
export function executionLogEntries(
  execution: ExecutionRecord,
  taskStates: readonly string[],
): Record<string, unknown>[] {
  const entry = (id: number, type: string, at: Date, details: Record<string, string>) => ({
    id: String(id),
    type,
    details,
    previous_event_id: String(id - 1),
    event_timestamp: String(at.getTime()),
    execution_arn: execution.executionArn,
  });
  const entries = execution.history
    .filter(
      (event) => event.type === "StateFailed" && event.stateName && taskStates.includes(event.stateName),
    )
    .map((event) =>
      entry(event.id, TASK_FAILED, event.timestamp, {
        error: event.error ?? "",
        cause: event.cause ?? "",
        resourceType: "apigateway",
        resource: "invoke",
      }),
    );
  if (execution.status === "FAILED" && execution.stopDate !== undefined) {
    entries.push(
      entry(execution.history.length + 1, TERMINAL_FAILURES.FAILED, execution.stopDate, {
        error: execution.error ?? "",
        cause: execution.cause ?? "",
      }),
    );
  }
  return entries;
}

/**
 * A subset of CloudWatch Logs over AWS's JSON 1.1 protocol (`X-Amz-Target: Logs_20140328.FilterLogEvents`), SigV4
 * verified for service `logs`: the workflow's log group at level ERROR, so the smoke check reads an Express
 * execution's result the way it must on AWS, where Express workflows have no DescribeExecution.
 */
export async function startLogsApi(options: LogsApiOptions) {
  const filterLogEvents = (p: Record<string, unknown>) => {
    const group = p.logGroupName ?? p.logGroupIdentifier;
    if (group !== options.logGroupName && group !== options.logGroupArn) {
      throw new AwsJsonError("ResourceNotFoundException", "The specified log group does not exist.");
    }
    let match: (entry: Record<string, unknown>) => boolean = () => true;
    if (p.filterPattern !== undefined) {
      const pattern = String(p.filterPattern);
      const equals = JSON_EQUALS.exec(pattern);
      const term = QUOTED_TERM.exec(pattern);
      if (equals) {
        const [, field, value] = equals;
        match = (entry) => entry[field as string] === value;
      } else if (term) {
        const text = term[1] as string;
        match = (entry) => JSON.stringify(entry).includes(text);
      } else {
        throw new AwsJsonError(
          "InvalidParameterException",
          `The local stack understands only { $.field = "value" } and "term" filter patterns, got ${pattern}.`,
        );
      }
    }
    const start = typeof p.startTime === "number" ? p.startTime : 0;
    const end = typeof p.endTime === "number" ? p.endTime : Number.POSITIVE_INFINITY;
    const taskStates = taskStateNames(options.runner.definition.States);
    const events = options.runner
      .executions()
      .flatMap((execution) =>
        executionLogEntries(execution, taskStates)
          .filter(match)
          .map((entry) => ({
            logStreamName: `states/stepcord-notifier/${execution.startDate.toISOString().slice(0, 10)}/${execution.name}`,
            timestamp: Number(entry.event_timestamp),
            message: JSON.stringify(entry),
            ingestionTime: Number(entry.event_timestamp),
            eventId: `${entry.event_timestamp}-${execution.name}-${entry.id}`,
          })),
      )
      .filter((event) => event.timestamp >= start && event.timestamp <= end);
    return { events, searchedLogStreams: [] };
  };

  return startAwsJsonApi({
    service: "logs",
    targetPrefix: "Logs_20140328.",
    protocol: "1.1",
    operations: {
      FilterLogEvents: { resource: () => options.logGroupArn, run: filterLogEvents },
    },
    internalFailure: {
      type: "ServiceUnavailableException",
      message: "Internal failure in the local Logs API",
      logMessage: "Logs API failed",
    },
    ...serverOptions(options),
  });
}
