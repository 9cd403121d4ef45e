import { inputTooLarge } from "./execution-input-limit.js";
import type { IntegrationResponse } from "./http-api-emulator.js";
import type { WorkflowRunner } from "./workflow-runner.js";

/**
 * The events API's `StepFunctions-StartExecution` integration with `Input: $request.body`: starts one execution and
 * answers with StartExecution's response, as AWS_PROXY does.
 */
export function startExecutionTarget(runner: WorkflowRunner) {
  return async ({ body }: { body: Buffer }): Promise<IntegrationResponse> => {
    const input = body.toString("utf8");
    // The HTTP API passes up to 10 MB through; Step Functions then refuses anything over 256 KiB.
    const tooLarge = inputTooLarge(input);
    if (tooLarge !== undefined) return json(400, { __type: tooLarge.type, message: tooLarge.message });
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
