import { randomUUID } from "node:crypto";
import { StateMachine } from "aws-local-stepfunctions";
import { type AslDefinition, settingsDefinition } from "../../src/index.js";
import { startTestSettingsTable, TEST_SETTINGS_TABLE, type TestLedger } from "./ledger.js";

type JSONValue = Parameters<StateMachine["run"]>[0];

const EXECUTIONS = "arn:aws:states:eu-west-1:123456789012:execution:stepcord-settings";

export function testSettingsDefinition(): AslDefinition {
  return settingsDefinition({ settingsTableName: TEST_SETTINGS_TABLE });
}

/**
 * Runs the real settings ASL in aws-local-stepfunctions against a real DynamoDB implementation (dynalite; a fresh
 * one per run unless `table` is given). Every Choice, Map, intrinsic and Catch is the library's.
 */
export async function runSettings(
  input: unknown,
  table?: TestLedger,
  options: { definition?: AslDefinition } = {},
): Promise<unknown> {
  const own = table ?? (await startTestSettingsTable());
  const definition = options.definition ?? testSettingsDefinition();
  try {
    const machine = new StateMachine(definition as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
    const handlers = Object.fromEntries(
      Object.entries(definition.States)
        .filter(([, state]) => state.Type === "Task" && String(state.Resource).includes(":dynamodb:"))
        .map(([name, state]) => [name, own.task(String(state.Resource))]),
    );
    const execution = machine.run(input as JSONValue, {
      overrides: {
        taskResourceLocalHandlers: handlers as Record<string, (p: JSONValue) => Promise<JSONValue>>,
      },
      // The library sets $$.Execution.StartTime itself (the execution's real start), so times are read back.
      context: { Execution: { Id: `${EXECUTIONS}:${randomUUID()}` } } as never,
    });
    return await execution.result;
  } finally {
    if (!table) await own.close();
  }
}
