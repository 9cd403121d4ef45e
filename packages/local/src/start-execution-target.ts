import type { Logger } from "pino";
import { inputTooLarge } from "./execution-input-limit.js";
import type { IntegrationResponse } from "./http-api-emulator.js";
import { type LocalServiceRole, serviceMayAssume } from "./service-role.js";
import type { WorkflowRunner } from "./workflow-runner.js";

/**
 * The events API's `StepFunctions-StartExecution` integration with `Input: $request.body`: assumes the integration's
 * credentials role as API Gateway does (with no source keys), starts one execution and answers with StartExecution's
 * response, as AWS_PROXY does. When the role's trust refuses API Gateway, an HTTP API answers 500
 * `{"message":"Internal Server Error"}` and logs "API Gateway doesn't have permissions to assume the IAM role configured
 * on the integration" (terraform-aws-modules/terraform-aws-apigateway-v2 issue #87).
 */
export function startExecutionTarget(
  runner: WorkflowRunner,
  credentials: { role: LocalServiceRole; account: string; apiArn: string; logger: Logger },
) {
  return async ({ body }: { body: Buffer }): Promise<IntegrationResponse> => {
    const source = { account: credentials.account, arn: credentials.apiArn };
    if (!serviceMayAssume(credentials.role, "apigateway.amazonaws.com", source)) {
      credentials.logger.error(
        { role: credentials.role.arn },
        "API Gateway doesn't have permissions to assume the IAM role configured on the integration",
      );
      return {
        status: 500,
        headers: { "content-type": "application/json" },
        body: '{"message":"Internal Server Error"}',
      };
    }
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
