import type { IntegrationResponse } from "./http-api-emulator.js";
import type { WorkflowRunner } from "./workflow-runner.js";

/**
 * The events API's `StepFunctions-StartExecution` integration with `Input: $request.body`: starts one execution and
 * answers with StartExecution's response, as AWS_PROXY does.
 */
export function startExecutionTarget(runner: WorkflowRunner) {
  return async ({ body }: { body: Buffer }): Promise<IntegrationResponse> => {
    const input = body.toString("utf8");
    try {
      JSON.parse(input);
    } catch {
      return json(400, {
        __type: "InvalidExecutionInput",
        message: "Invalid State Machine Execution Input: the body is not JSON.",
      });
    }
    const execution = runner.start(input);
    return json(200, {
      executionArn: execution.executionArn,
      startDate: execution.startDate.getTime() / 1000,
    });
  };
}

/**
 * The events API's `StepFunctions-StartSyncExecution` integration (EXPRESS): runs the execution to its end and
 * answers 200 with StartSyncExecution's response, whether the execution succeeded or not: `status` SUCCEEDED |
 * FAILED | TIMED_OUT, `output` only when it succeeded, `error` and `cause` when it failed (StartSyncExecution in the
 * AWS Step Functions API reference; the SDKs' StartSyncExecutionOutput marks output "null if the execution fails").
 */
export function startSyncExecutionTarget(runner: WorkflowRunner) {
  return async ({ body }: { body: Buffer }): Promise<IntegrationResponse> => {
    const input = body.toString("utf8");
    try {
      JSON.parse(input);
    } catch {
      return json(400, {
        __type: "InvalidExecutionInput",
        message: "Invalid State Machine Execution Input: the body is not JSON.",
      });
    }
    const execution = await runner.run(input);
    const stopDate = execution.stopDate ?? new Date();
    return json(200, {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      startDate: execution.startDate.getTime() / 1000,
      stopDate: stopDate.getTime() / 1000,
      status: execution.status === "SUCCEEDED" ? "SUCCEEDED" : "FAILED",
      input,
      inputDetails: { included: true },
      ...(execution.status === "SUCCEEDED"
        ? { output: execution.output, outputDetails: { included: true } }
        : { error: execution.error, cause: execution.cause }),
      billingDetails: {
        billedMemoryUsedInMB: 64,
        billedDurationInMilliseconds: Math.max(100, stopDate.getTime() - execution.startDate.getTime()),
      },
    });
  };
}

function json(status: number, body: unknown): IntegrationResponse {
  return { status, headers: { "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify(body) };
}
