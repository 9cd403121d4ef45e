import { randomUUID } from "node:crypto";
import { StateMachine } from "aws-local-stepfunctions";

type JSONValue = Parameters<StateMachine["run"]>[0];

import { type AslDefinition, NOTIFIER_STATES, notifierDefinition } from "../../src/index.js";
import { startTestLedger, TEST_LEDGER_TABLE, type TestLedger } from "./ledger.js";

export const WEBHOOK_API_HOST = "w3bh00k1d.execute-api.eu-west-1.amazonaws.com";
const EXECUTIONS = "arn:aws:states:eu-west-1:123456789012:execution:stepcord-notifier";

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

export function testDefinition(
  args: { workflowType?: "EXPRESS" | "STANDARD"; retry?: { maxAttempts?: number } } = {},
) {
  return notifierDefinition({
    webhookApiHost: WEBHOOK_API_HOST,
    ledgerTableName: TEST_LEDGER_TABLE,
    ...args,
  });
}

/**
 * Runs the real notifier ASL in aws-local-stepfunctions. The `apigateway:invoke` Task is answered by `handler`, the
 * `dynamodb:*` Tasks by a real DynamoDB implementation (dynalite; a fresh one per run unless `ledger` is given);
 * every Choice, Map, Pass, intrinsic, Retry and Catch is the library's, so what passes here is the definition.
 */
export async function runNotifier(
  input: unknown,
  handler: InvokeHandler = () => okResponse(),
  definition: AslDefinition = testDefinition(),
  ledger?: TestLedger,
): Promise<{ output: unknown; calls: InvokeCall[] }> {
  const calls: InvokeCall[] = [];
  const own = ledger ?? (await startTestLedger());
  try {
    const machine = new StateMachine(definition as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
    const ledgerHandlers = Object.fromEntries(
      Object.entries(definition.States)
        .filter(([, state]) => state.Type === "Task" && String(state.Resource).includes(":dynamodb:"))
        .map(([name, state]) => [name, own.task(String(state.Resource))]),
    );
    const execution = machine.run(input as JSONValue, {
      overrides: {
        taskResourceLocalHandlers: {
          ...(ledgerHandlers as Record<string, (p: JSONValue) => Promise<JSONValue>>),
          [NOTIFIER_STATES.post]: (parameters) => {
            const call = parameters as unknown as InvokeCall;
            calls.push(call);
            return handler(call, calls.length) as JSONValue;
          },
        },
        retryIntervalOverrides: Object.fromEntries(Object.keys(definition.States).map((name) => [name, 0])),
      },
      // Step Functions gives every execution its ARN as $$.Execution.Id; the claim records it as its owner.
      context: { Execution: { Id: `${EXECUTIONS}:${randomUUID()}` } } as never,
    });
    const output = await execution.result;
    return { output, calls };
  } finally {
    if (!ledger) await own.close();
  }
}
