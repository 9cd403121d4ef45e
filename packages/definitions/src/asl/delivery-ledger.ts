/**
 * The delivery ledger: one DynamoDB table (partition key `pk`, string) the workflow writes with Step Functions'
 * optimized DynamoDB integration. Two kinds of item:
 * - `batch#<batchId>`: the claim on a batch. `status` is `claimed` while one execution posts it (until
 *   `leaseUntil`, epoch seconds) and `delivered` with Discord's `messageId` after; `expiresAt` is the table's TTL.
 * - `circuit#webhook`: present while the webhook is known dead (Discord answered 404 or 401); `cause` keeps
 *   Discord's answer. Deleting it closes the circuit (see docs/deploy.md, "Webhook gone").
 */

export const DYNAMODB_PUT_ITEM_RESOURCE = "arn:aws:states:::dynamodb:putItem";
export const DYNAMODB_GET_ITEM_RESOURCE = "arn:aws:states:::dynamodb:getItem";
export const DYNAMODB_UPDATE_ITEM_RESOURCE = "arn:aws:states:::dynamodb:updateItem";
export const DYNAMODB_DELETE_ITEM_RESOURCE = "arn:aws:states:::dynamodb:deleteItem";

/** The only DynamoDB actions the workflow's role is granted, on the ledger table alone. */
export const LEDGER_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:GetItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
] as const;

export const LEDGER_KEY_ATTRIBUTE = "pk";
export const LEDGER_TTL_ATTRIBUTE = "expiresAt";
/** The circuit item's key; `aws dynamodb delete-item --key '{"pk":{"S":"circuit#webhook"}}'` closes it. */
export const CIRCUIT_KEY = "circuit#webhook";

/**
 * How long a claim holds a batch against a second execution. Longer than the longest execution (EXPRESS 25 s;
 * the clock reads minutes, so a claim lasts 2-3 minutes); a claim left by an execution that died is taken over after.
 * @default 120
 */
export const CLAIM_LEASE_SECONDS = 120;
/** How long a delivered batch is remembered, so a replay within this window is answered `duplicate`. 7 days. */
export const LEDGER_TTL_SECONDS = 7 * 86_400;

/** The item key of a batch's claim, as a Parameters fragment. */
export function batchKey(): Record<string, unknown> {
  return { [LEDGER_KEY_ATTRIBUTE]: { "S.$": "States.Format('batch#{}', $.batchId)" } };
}

export function circuitKey(): Record<string, unknown> {
  return { [LEDGER_KEY_ATTRIBUTE]: { S: CIRCUIT_KEY } };
}

/**
 * The claim's condition: nobody has the batch, or a claim (not a delivery) whose lease ran out. DynamoDB evaluates
 * it atomically with the write, so of two executions of one batch only one gets past it.
 */
export const CLAIM_CONDITION = `attribute_not_exists(${LEDGER_KEY_ATTRIBUTE}) OR (#status = :claimed AND leaseUntil < :now)`;
