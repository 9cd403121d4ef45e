import { STANDARD_TIMEOUT_SECONDS } from "@stepcord/definitions";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { AwsCallError, awsJsonCall } from "./aws-json-call.js";
import type { ExecutionObservation } from "./verdict.js";

export interface ExecutionReader {
  stepFunctionsEndpoint: string;
  logsEndpoint: string;
  region: string;
  /** The operator's credentials (the deploy role in CI): they read the workflow, they never sign the batch. */
  credentials: Credentials | CredentialsProvider;
}

export interface WaitForExecutionOptions {
  reader: ExecutionReader;
  stateMachineArn: string;
  executionArn: string;
  /** When the events API accepted the batch. */
  acceptedAt: Date;
  /**
   * How long after acceptance the result may take. Unset: on STANDARD the deployed definition's TimeoutSeconds plus
   * STANDARD_SETTLE_MARGIN_MS (the execution has ended by then, one way or the other); on an EXPRESS stack still on
   * StartExecution, EXPRESS_LOG_SETTLE_MS, after which no logged failure counts as success.
   */
  settleMs?: number | undefined;
  pollMs: number;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
}

/**
 * An EXPRESS stack deployed before StartSyncExecution (its TimeoutSeconds was 120) passes when no failure was logged
 * by then, a minute for CloudWatch Logs' delivery included.
 */
export const EXPRESS_LOG_SETTLE_MS = 180_000;
/** Past a STANDARD execution's own timeout: a few polls for DescribeExecution to show the end, and clock skew. */
export const STANDARD_SETTLE_MARGIN_MS = 30_000;

interface StateMachineDescription {
  type?: string;
  /** The deployed ASL, as DescribeStateMachine returns it (a JSON string). */
  definition?: string;
  loggingConfiguration?: {
    level?: string;
    destinations?: { cloudWatchLogsLogGroup?: { logGroupArn?: string } }[];
  };
}

/** Log entry types that end an execution (https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html). */
const TERMINAL = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
} as const;

const READ_FIX =
  "give the identity running the smoke check states:DescribeStateMachine and states:DescribeExecution on the " +
  "state machine and logs:FilterLogEvents on its log group (the GitHub deploy role has states:* and logs:*)";

/** `arn:aws:logs:<region>:<account>:log-group:<name>:*` → `<name>`. */
export function logGroupNameOf(arn: string): string | undefined {
  return /:log-group:(.+?)(:\*)?$/.exec(arn)?.[1];
}

/**
 * Waits for the execution's outcome. STANDARD: DescribeExecution until it leaves RUNNING. EXPRESS (no
 * DescribeExecution, see the DescribeExecution API reference): the workflow's log group, filtered on the execution's
 * ARN; at level ERROR only failures are logged, so no failure entry by `settleMs` after acceptance counts as success.
 */
export async function waitForExecution(options: WaitForExecutionOptions): Promise<ExecutionObservation> {
  const { reader } = options;
  const call = <T>(service: "states" | "logs", target: string, body: Record<string, unknown>) =>
    awsJsonCall<T>({
      endpoint: service === "states" ? reader.stepFunctionsEndpoint : reader.logsEndpoint,
      service,
      region: reader.region,
      target,
      body,
      credentials: reader.credentials,
    });
  try {
    const machine = await call<StateMachineDescription>("states", "AWSStepFunctions.DescribeStateMachine", {
      stateMachineArn: options.stateMachineArn,
    });
    if (machine.type === "STANDARD") {
      const settleMs = options.settleMs ?? standardSettleMs(machine.definition);
      return await pollDescribeExecution({ ...options, settleMs }, call);
    }
    const logging = machine.loggingConfiguration;
    const groupArn = logging?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn;
    const group = groupArn === undefined ? undefined : logGroupNameOf(groupArn);
    if (group === undefined || logging?.level === "OFF") {
      return {
        status: "UNKNOWN",
        reason: "the Express workflow logs nothing, so its result cannot be read",
        fix: "NotifierWorkflow sets level ERROR with a log group; run `pulumi up` to restore its logging",
      };
    }
    const settleMs = options.settleMs ?? EXPRESS_LOG_SETTLE_MS;
    return await pollLogs({ ...options, settleMs }, group, logging?.level === "ALL", call);
  } catch (error) {
    if (!(error instanceof AwsCallError)) throw error;
    return {
      status: "UNKNOWN",
      reason: `could not read the execution's result: ${error.message}`,
      fix: /AccessDenied|not authorized/i.test(error.message)
        ? READ_FIX
        : "check the operator's AWS credentials and region",
    };
  }
}

/**
 * How long a STANDARD execution may run: the deployed definition's TimeoutSeconds (what AWS will stop it at), else
 * the one notifierDefinition writes, plus STANDARD_SETTLE_MARGIN_MS.
 */
export function standardSettleMs(definition: string | undefined): number {
  let timeoutSeconds = STANDARD_TIMEOUT_SECONDS;
  try {
    const deployed = (JSON.parse(definition ?? "{}") as { TimeoutSeconds?: unknown }).TimeoutSeconds;
    if (typeof deployed === "number" && deployed > 0) timeoutSeconds = deployed;
  } catch {
    // Not JSON: the builder's timeout.
  }
  return timeoutSeconds * 1000 + STANDARD_SETTLE_MARGIN_MS;
}

type SettledOptions = WaitForExecutionOptions & { settleMs: number };
type Call = <T>(service: "states" | "logs", target: string, body: Record<string, unknown>) => Promise<T>;

async function pollDescribeExecution(options: SettledOptions, call: Call): Promise<ExecutionObservation> {
  const deadline = options.acceptedAt.getTime() + options.settleMs;
  for (;;) {
    const execution = await call<{ status?: string; error?: string; cause?: string }>(
      "states",
      "AWSStepFunctions.DescribeExecution",
      { executionArn: options.executionArn },
    );
    if (execution.status === "SUCCEEDED") return { status: "SUCCEEDED", evidence: "DescribeExecution" };
    if (execution.status === "FAILED" || execution.status === "TIMED_OUT" || execution.status === "ABORTED") {
      return { status: execution.status, error: execution.error ?? "", cause: execution.cause ?? "" };
    }
    if (options.now().getTime() >= deadline) {
      return {
        status: "UNKNOWN",
        reason: `the execution was still ${execution.status ?? "RUNNING"} after ${options.settleMs / 1000} s`,
        fix: "a Task is hanging or retrying: see the execution's history in the Step Functions console",
      };
    }
    await options.sleep(options.pollMs);
  }
}

interface LogEntry {
  type?: string;
  details?: { error?: string; cause?: string };
}

async function pollLogs(
  options: SettledOptions,
  logGroupName: string,
  logsSuccess: boolean,
  call: Call,
): Promise<ExecutionObservation> {
  const deadline = options.acceptedAt.getTime() + options.settleMs;
  // A minute of slack before acceptance: the runner's clock and CloudWatch's may disagree.
  const startTime = options.acceptedAt.getTime() - 60_000;
  const retried = new Set<string>();
  for (;;) {
    // Read the deadline before the call: an entry logged before it is in this answer.
    const settled = options.now().getTime() >= deadline;
    // A quoted term matches the ARN wherever the entry names it, so the check does not hang on a field name.
    const answer = await call<{ events?: { message?: string }[] }>("logs", "Logs_20140328.FilterLogEvents", {
      logGroupName,
      filterPattern: `"${options.executionArn}"`,
      startTime,
    });
    const taskErrors: string[] = [];
    for (const event of answer.events ?? []) {
      const entry = JSON.parse(event.message ?? "{}") as LogEntry;
      const status = TERMINAL[entry.type as keyof typeof TERMINAL];
      if (status === "SUCCEEDED") return { status, evidence: "ExecutionSucceeded logged" };
      if (status) {
        return {
          status,
          error: entry.details?.error ?? "",
          cause: entry.details?.cause ?? "",
          taskErrors: [...taskErrors],
        };
      }
      // A TaskFailed that a retry may still recover from (e.g. Discord's 429): not the outcome yet.
      if (entry.details?.error) taskErrors.push(entry.details.error);
      if (entry.type) retried.add(`${entry.type}${entry.details?.error ? ` ${entry.details.error}` : ""}`);
    }
    if (settled) {
      return logsSuccess
        ? {
            status: "UNKNOWN",
            reason: `nothing was logged for the execution within ${options.settleMs / 1000} s`,
            fix: "CloudWatch Logs delivery is best effort: run the smoke check again, or read the log group",
          }
        : {
            status: "SUCCEEDED",
            evidence:
              `no failure logged within ${options.settleMs / 1000} s; level ERROR logs failures only` +
              (retried.size > 0 ? `; recovered after ${[...retried].join(", ")}` : ""),
          };
    }
    await options.sleep(options.pollMs);
  }
}
