import {
  AwsJsonError,
  type AwsJsonOperation,
  type AwsJsonServerOptions,
  serverOptions,
  startAwsJsonApi,
} from "./aws-json-api.js";
import { inputTooLarge } from "./execution-input-limit.js";
import type { ExecutionRecord, WorkflowRunner } from "./workflow-runner.js";

export interface StepFunctionsApiOptions extends AwsJsonServerOptions {
  runner: WorkflowRunner;
  stateMachineName: string;
  workflowType: "EXPRESS" | "STANDARD";
  roleArn: string;
  /** The log group's ARN without `:*`, as DescribeStateMachine's logging destination names it (with `:*`). */
  logGroupArn: string;
}

const epoch = (date: Date | undefined) => (date === undefined ? undefined : date.getTime() / 1000);

/**
 * A subset of the Step Functions API over AWS's JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Op>`), SigV4
 * verified for service `states`, so `aws stepfunctions ... --endpoint-url` can inspect local executions. On AWS,
 * Express workflows keep no execution list; the local runner records them anyway.
 */
export async function startStepFunctionsApi(options: StepFunctionsApiOptions) {
  const { runner } = options;
  const creationDate = new Date();
  const findExecution = (arn: unknown): ExecutionRecord => {
    const found = runner.executions().find((e) => e.executionArn === arn);
    if (!found) throw new AwsJsonError("ExecutionDoesNotExist", `Execution Does Not Exist: '${String(arn)}'`);
    return found;
  };
  const checkMachine = (arn: unknown) => {
    if (arn !== runner.stateMachineArn) {
      throw new AwsJsonError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${String(arn)}'`);
    }
  };
  const summary = (e: ExecutionRecord) => ({
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epoch(e.startDate),
    ...(e.stopDate ? { stopDate: epoch(e.stopDate) } : {}),
  });
  const operations: Record<string, AwsJsonOperation> = {
    ListStateMachines: {
      resource: () => "*",
      run: () => ({
        stateMachines: [
          {
            stateMachineArn: runner.stateMachineArn,
            name: options.stateMachineName,
            type: options.workflowType,
            creationDate: epoch(creationDate),
          },
        ],
      }),
    },
    DescribeStateMachine: {
      resource: (p) => String(p.stateMachineArn),
      run: (p) => {
        checkMachine(p.stateMachineArn);
        return {
          stateMachineArn: runner.stateMachineArn,
          name: options.stateMachineName,
          status: "ACTIVE",
          definition: JSON.stringify(runner.definition),
          roleArn: options.roleArn,
          type: options.workflowType,
          creationDate: epoch(creationDate),
          // The shape of NotifierWorkflow's loggingConfiguration as the API returns it.
          loggingConfiguration: {
            level: "ERROR",
            includeExecutionData: false,
            destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: `${options.logGroupArn}:*` } }],
          },
        };
      },
    },
    StartExecution: {
      resource: (p) => String(p.stateMachineArn),
      run: (p) => {
        checkMachine(p.stateMachineArn);
        const input = typeof p.input === "string" ? p.input : "{}";
        const tooLarge = inputTooLarge(input);
        if (tooLarge !== undefined) throw new AwsJsonError(tooLarge.type, tooLarge.message);
        try {
          JSON.parse(input);
        } catch {
          throw new AwsJsonError(
            "InvalidExecutionInput",
            "Invalid State Machine Execution Input: the input is not JSON.",
          );
        }
        const e = runner.start(input, typeof p.name === "string" ? p.name : undefined);
        return { executionArn: e.executionArn, startDate: epoch(e.startDate) };
      },
    },
    DescribeExecution: {
      resource: (p) => String(p.executionArn),
      run: (p) => {
        const e = findExecution(p.executionArn);
        return { ...summary(e), input: e.input, output: e.output, error: e.error, cause: e.cause };
      },
    },
    ListExecutions: {
      resource: (p) => String(p.stateMachineArn),
      run: (p) => {
        checkMachine(p.stateMachineArn);
        const wanted = p.statusFilter;
        const list = runner.executions().filter((e) => wanted === undefined || e.status === wanted);
        return { executions: [...list].reverse().map(summary) };
      },
    },
    GetExecutionHistory: {
      resource: (p) => String(p.executionArn),
      run: (p) => ({
        events: findExecution(p.executionArn).history.map((event) => ({
          id: event.id,
          previousEventId: event.id - 1,
          timestamp: epoch(event.timestamp),
          type: event.type,
          ...(event.stateName ? { stateEnteredEventDetails: { name: event.stateName } } : {}),
          ...(event.error ? { executionFailedEventDetails: { error: event.error, cause: event.cause } } : {}),
        })),
      }),
    },
  };

  return startAwsJsonApi({
    service: "states",
    targetPrefix: "AWSStepFunctions.",
    protocol: "1.0",
    operations,
    internalFailure: {
      type: "InternalFailure",
      message: "Internal failure in the local Step Functions API",
      logMessage: "Step Functions API failed",
    },
    ...serverOptions(options),
  });
}
