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

function json(status: number, body: unknown): IntegrationResponse {
  return { status, headers: { "content-type": "application/x-amz-json-1.0" }, body: JSON.stringify(body) };
}
