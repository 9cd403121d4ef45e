import type { AddressInfo } from "node:net";
import {
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { ledgerCreateTableInput, settingsCreateTableInput } from "../../src/index.js";

export const TEST_LEDGER_TABLE = "stepcord-ledger-test";
export const TEST_SETTINGS_TABLE = "stepcord-settings-test";

export interface TestLedger {
  tableName: string;
  client: DynamoDBClient;
  /** Answers a `dynamodb:<action>` Task like Step Functions' optimized integration (see packages/local's copy). */
  task(resource: string): (parameters: unknown) => Promise<Record<string, unknown>>;
  items(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * A real DynamoDB implementation (dynalite, in memory) holding the ledger table, so condition expressions and
 * reserved words are checked as DynamoDB checks them. Errors are named `DynamoDB.<code>` as Step Functions names them
 * (localstack/localstack state_task_service_dynamodb.py, recorded against AWS).
 */
export async function startTestLedger(
  createTable: { TableName: string } = ledgerCreateTableInput(TEST_LEDGER_TABLE),
): Promise<TestLedger> {
  const tableName = createTable.TableName;
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: "eu-west-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  await client.send(new CreateTableCommand(createTable as never));
  const commands = {
    putItem: PutItemCommand,
    getItem: GetItemCommand,
    updateItem: UpdateItemCommand,
    deleteItem: DeleteItemCommand,
  } as const;
  return {
    tableName,
    client,
    task(resource) {
      const action = resource.split(":").at(-1) as keyof typeof commands;
      const Command = commands[action] as unknown as new (input: never) => never;
      return async (parameters) => {
        try {
          const answer = (await client.send(new Command(parameters as never))) as unknown as Record<
            string,
            unknown
          >;
          const { $metadata: _m, ...response } = answer;
          return response;
        } catch (error) {
          const failure = new Error(`${(error as Error).message} (Service: AmazonDynamoDBv2)`);
          failure.name = `DynamoDB.${(error as Error).name}`;
          throw failure;
        }
      };
    },
    async items() {
      return ((await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ??
        []) as Record<string, unknown>[];
    },
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The settings table on dynalite, created from the same input the local stack uses. */
export function startTestSettingsTable(): Promise<TestLedger> {
  return startTestLedger(settingsCreateTableInput(TEST_SETTINGS_TABLE));
}
