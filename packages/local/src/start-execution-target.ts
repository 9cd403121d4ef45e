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
export function startExecutionTarget(runner: WorkflowRunner, credentials: IntegrationCredentials) {
  return async ({ body }: { body: Buffer }): Promise<IntegrationResponse> => {
    const admitted = admit(body, credentials);
    if (typeof admitted !== "string") return admitted;
    const execution = runner.start(admitted);
    return json(200, {
      executionArn: execution.executionArn,
      startDate: execution.startDate.getTime() / 1000,
    });
  };
}

/** The integration's credentials role and the API that assumes it (the trust policy's aws:SourceAccount/SourceArn). */
export interface IntegrationCredentials {
  role: LocalServiceRole;
  account: string;
  apiArn: string;
  logger: Logger;
}

/**
 * What both integrations check before Step Functions runs anything: API Gateway assumes the role, and Step Functions
 * takes the input (at most 256 KiB, JSON). Returns the input, or the answer that refuses it.
 */
function admit(body: Buffer, credentials: IntegrationCredentials): string | IntegrationResponse {
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
  return input;
}

/**
 * The events API's `StepFunctions-StartSyncExecution` integration (EXPRESS): the same role and input checks as
 * StartExecution's, then runs the execution to its end and
 * answers 200 with StartSyncExecution's response, whether the execution succeeded or not: `status` SUCCEEDED |
 * FAILED | TIMED_OUT, `output` only when it succeeded, `error` and `cause` when it failed (StartSyncExecution in the
 * AWS Step Functions API reference; the SDKs' StartSyncExecutionOutput marks output "null if the execution fails").
 */
export function startSyncExecutionTarget(runner: WorkflowRunner, credentials: IntegrationCredentials) {
  return async ({ body }: { body: Buffer }): Promise<IntegrationResponse> => {
    const input = admit(body, credentials);
    if (typeof input !== "string") return input;
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
