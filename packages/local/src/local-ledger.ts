import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ledgerCreateTableInput, settingsCreateTableInput } from "@stepcord/definitions";
import dynalite from "dynalite";
import { LOCAL_LEDGER_TABLE, LOCAL_REGION, LOCAL_SETTINGS_TABLE } from "./local-account.js";

export interface LocalLedger {
  /** `http://127.0.0.1:<port>`, a DynamoDB endpoint (`aws dynamodb --endpoint-url`). */
  endpoint: string;
  tableName: string;
  /** The settings table (issue 15), on the same DynamoDB endpoint, as both tables are in one account and region. */
  settingsTableName: string;
  client: DynamoDBClient;
  close(): Promise<void>;
}

/**
 * The delivery ledger on a real DynamoDB implementation: dynalite (Apache-2.0, built on LevelDB, in memory here),
 * which checks condition expressions, reserved words and key schemas as DynamoDB does. The table is declared as
 * infra's DeliveryLedger declares it (on-demand, string key `pk`), and so is the settings table (SettingsTable). dynalite
 * does not expire items by TTL.
 */
export async function startLocalLedger(options: { port?: number; host?: string } = {}): Promise<LocalLedger> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    // dynalite checks that a request is signed, not by whom.
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  const close = async () => {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await client.send(new CreateTableCommand(ledgerCreateTableInput(LOCAL_LEDGER_TABLE)));
    await client.send(new CreateTableCommand(settingsCreateTableInput(LOCAL_SETTINGS_TABLE)));
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, tableName: LOCAL_LEDGER_TABLE, settingsTableName: LOCAL_SETTINGS_TABLE, client, close };
}
