/**
 * The settings table (issue 15): one DynamoDB table (partition key `pk`, string) the settings workflow reads and
 * writes with Step Functions' optimized DynamoDB integration. Two kinds of item:
 * - `guild#<guildId>`: one server's settings (`settingsItem` in settings-item.ts), written only by an UpdateItem
 *   conditioned on its `version`, which each write increments.
 * - `interaction#<interactionId>`: one applied `/stepcord` change, so a replay of it is answered `replayed` instead
 *   of being applied twice; `expiresAt` (epoch seconds) is the table's TTL.
 * It is its own table, not the delivery ledger: the notifier's role never reaches it and the settings role never
 * reaches the ledger (decision 0019).
 */

export const SETTINGS_KEY_ATTRIBUTE = "pk";
export const SETTINGS_TTL_ATTRIBUTE = "expiresAt";

/** The only DynamoDB actions the settings workflow's role is granted, on the settings table alone. */
export const SETTINGS_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
] as const;

/**
 * How long an applied interaction is remembered. Discord's interaction token lives 15 minutes and the bot resends a
 * settings call only within it, so a day is ample; an interaction id older than this is a forgery anyway, since the
 * bot forwards only what the gateway just dispatched.
 */
export const INTERACTION_RECORD_TTL_SECONDS = 86_400;

/** A settings table call's TimeoutSeconds: single-item calls answer in milliseconds (as the ledger's). */
export const SETTINGS_CALL_TIMEOUT_SECONDS = 2;

export function guildSettingsKey(guildId: string): string {
  return `guild#${guildId}`;
}

export function interactionKey(interactionId: string): string {
  return `interaction#${interactionId}`;
}

/**
 * The settings table's CreateTable input (DynamoDB API), for the stand-ins that create it on dynalite: the same key
 * and billing infra's SettingsTable declares (TTL, PITR and SSE are not CreateTable parameters and dynalite has none).
 */
export function settingsCreateTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [{ AttributeName: SETTINGS_KEY_ATTRIBUTE, AttributeType: "S" as const }],
    KeySchema: [{ AttributeName: SETTINGS_KEY_ATTRIBUTE, KeyType: "HASH" as const }],
  };
}
