import { createServer, type Server } from "node:http";
import { SigV4VerificationError } from "@stepcord/signer";
import type { Logger } from "pino";
import type { Authorizer } from "./authorizer.js";
import { callerIdentity, listen } from "./caller-identity.js";
import { readBody, sendJson } from "./http-io.js";
import type { LocalIdentity } from "./local-account.js";
import type { ExecutionRecord, WorkflowRunner } from "./workflow-runner.js";

export interface StepFunctionsApiOptions {
  runner: WorkflowRunner;
  stateMachineName: string;
  workflowType: "EXPRESS" | "STANDARD";
  roleArn: string;
  /** The log group's ARN without `:*`, as DescribeStateMachine's logging destination names it (with `:*`). */
  logGroupArn: string;
  identities: LocalIdentity[];
  authorizer: Authorizer;
  region: string;
  logger: Logger;
  host?: string;
  port?: number;
}

const epoch = (date: Date | undefined) => (date === undefined ? undefined : date.getTime() / 1000);

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

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
    if (!found) throw new ApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${String(arn)}'`);
    return found;
  };
  const checkMachine = (arn: unknown) => {
    if (arn !== runner.stateMachineArn) {
      throw new ApiError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${String(arn)}'`);
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
  const operations: Record<
    string,
    { resource: (p: Record<string, unknown>) => string; run: (p: Record<string, unknown>) => unknown }
  > = {
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

  const server: Server = createServer(async (request, response) => {
    const answerError = (status: number, type: string, message: string) =>
      sendJson(response, status, { __type: type, message }, { "content-type": "application/x-amz-json-1.0" });
    try {
      const body = await readBody(request);
      let identity: LocalIdentity;
      try {
        identity = await callerIdentity(request, body, {
          identities: options.identities,
          region: options.region,
          service: "states",
        });
      } catch (error) {
        if (!(error instanceof SigV4VerificationError)) throw error;
        answerError(400, error.awsErrorType, error.message);
        return;
      }
      const target = String(request.headers["x-amz-target"] ?? "");
      const operation = operations[target.replace(/^AWSStepFunctions\./, "")];
      if (!target.startsWith("AWSStepFunctions.") || !operation) {
        answerError(
          400,
          "UnknownOperationException",
          `The local stack does not implement ${target || "(no X-Amz-Target)"}.`,
        );
        return;
      }
      const params = (body.length > 0 ? JSON.parse(body.toString("utf8")) : {}) as Record<string, unknown>;
      const action = `states:${target.replace(/^AWSStepFunctions\./, "")}`;
      const resource = operation.resource(params);
      if (!options.authorizer.allows(identity, action, resource)) {
        answerError(
          400,
          "AccessDeniedException",
          `User: ${identity.arn} is not authorized to perform: ${action} on resource: ${resource}`,
        );
        return;
      }
      sendJson(response, 200, operation.run(params), { "content-type": "application/x-amz-json-1.0" });
    } catch (error) {
      if (error instanceof ApiError) answerError(400, error.type, error.message);
      else {
        options.logger.error({ err: error }, "Step Functions API failed");
        answerError(500, "InternalFailure", "Internal failure in the local Step Functions API");
      }
    }
  });
  return listen(server, options.host, options.port);
}
