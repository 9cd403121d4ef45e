import { StateMachine } from "aws-local-stepfunctions";

type JSONValue = Parameters<StateMachine["run"]>[0];

import { type AslDefinition, NOTIFIER_STATES, notifierDefinition } from "../../src/index.js";

export const WEBHOOK_API_HOST = "w3bh00k1d.execute-api.eu-west-1.amazonaws.com";

/** What the Task state sent: the `apigateway:invoke` parameters after JSONPath resolution. */
export interface InvokeCall {
  ApiEndpoint: string;
  Method: string;
  Path: string;
  AuthType: string;
  Headers: Record<string, string[]>;
  RequestBody: { embeds: Record<string, unknown>[]; allowed_mentions: unknown; flags?: number };
}

/** Answers a call like API Gateway would: a response object, or throws an error named `ApiGateway.<status>`. */
export type InvokeHandler = (call: InvokeCall, attempt: number) => Record<string, unknown>;

export function apiGatewayError(status: number, cause: string): Error {
  const error = new Error(cause);
  error.name = `ApiGateway.${status}`;
  return error;
}

export const okResponse = (id = "1300000000000000001") => ({
  StatusCode: 200,
  StatusText: "OK",
  Headers: { "content-type": ["application/json"] },
  ResponseBody: { id, type: 0 },
});

/**
 * Runs the real notifier ASL in aws-local-stepfunctions. Only the `apigateway:invoke` Task is answered locally;
 * every Choice, Map, Pass, intrinsic, Retry and Catch is the library's, so what passes here is the definition.
 */
export async function runNotifier(
  input: unknown,
  handler: InvokeHandler = () => okResponse(),
  definition: AslDefinition = notifierDefinition({ webhookApiHost: WEBHOOK_API_HOST }),
): Promise<{ output: unknown; calls: InvokeCall[] }> {
  const calls: InvokeCall[] = [];
  const machine = new StateMachine(definition as never, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
  const execution = machine.run(input as JSONValue, {
    overrides: {
      taskResourceLocalHandlers: {
        [NOTIFIER_STATES.post]: (parameters) => {
          const call = parameters as unknown as InvokeCall;
          calls.push(call);
          return handler(call, calls.length) as JSONValue;
        },
      },
      retryIntervalOverrides: { [NOTIFIER_STATES.post]: 0 },
    },
  });
  const output = await execution.result;
  return { output, calls };
}
