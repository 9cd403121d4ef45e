/**
 * The delivery ledger: one DynamoDB table (partition key `pk`, string) the workflow writes with Step Functions'
 * optimized DynamoDB integration. Two kinds of item:
 * - `batch#<batchId>`: the claim on a batch. `status` is `claimed` while one execution posts it (until
 *   `leaseUntil`, epoch seconds; `claimedBy` is that execution's ARN) and `delivered` with Discord's `messageId`
 *   after; `expiresAt` is the table's TTL.
 * - `circuit#webhook`: present while the webhook is known dead (Discord answered 404 10015 or 401 50027); `cause` keeps
 *   Discord's answer. Deleting it closes the circuit (see docs/deploy.md, "Webhook gone"). With destinations
 *   (issue 14) each has its own, `circuit#<destination id>` (`destinationCircuitKey`).
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
/**
 * The ledger's CreateTable input (DynamoDB API), for the stand-ins that create it on dynalite: the same key and
 * billing as infra's DeliveryLedger declares (TTL, PITR and SSE are not CreateTable parameters and dynalite has none).
 */
export function ledgerCreateTableInput(tableName: string) {
  return {
    TableName: tableName,
    BillingMode: "PAY_PER_REQUEST" as const,
    AttributeDefinitions: [{ AttributeName: LEDGER_KEY_ATTRIBUTE, AttributeType: "S" as const }],
    KeySchema: [{ AttributeName: LEDGER_KEY_ATTRIBUTE, KeyType: "HASH" as const }],
  };
}
/** The circuit item's key; `aws dynamodb delete-item --key '{"pk":{"S":"circuit#webhook"}}'` closes it. */
export const CIRCUIT_KEY = "circuit#webhook";

/** The epoch clock reads `$$.Execution.StartTime` to the minute (epoch-clock.ts), so `now` may be up to 59 s early. */
export const CLOCK_RESOLUTION_SECONDS = 60;
/**
 * Time after an execution stopped in which a call it had already sent can still land: the webhook API's integration
 * waits up to 10 s for Discord (WEBHOOK_TIMEOUT_MS), a DynamoDB write a few milliseconds.
 */
export const CLAIM_LEASE_MARGIN_SECONDS = 60;

/**
 * How long a claim holds a batch against a second execution: beyond the longest its owner can run (the workflow's
 * TimeoutSeconds), plus the clock's minute and the margin. A second execution of the batch then starts after the
 * owner has certainly stopped before it can take the claim over (decision 0016). EXPRESS 25 s → 145 s.
 */
export function claimLeaseSeconds(workflowTimeoutSeconds: number): number {
  if (!Number.isInteger(workflowTimeoutSeconds) || workflowTimeoutSeconds < 1) {
    throw new RangeError(
      `Invalid workflowTimeoutSeconds ${workflowTimeoutSeconds}. Must be a whole number of seconds ≥ 1, the ` +
        "definition's TimeoutSeconds.",
    );
  }
  return workflowTimeoutSeconds + CLOCK_RESOLUTION_SECONDS + CLAIM_LEASE_MARGIN_SECONDS;
}

/**
 * The claim's owner: the execution's ARN (`$$.Execution.Id`). MarkDelivered and the releases are conditional on it,
 * so an execution whose claim was taken over (or deleted by hand) never writes over another's.
 */
export const CLAIM_OWNER_ATTRIBUTE = "claimedBy";
/**
 * A ledger call's TimeoutSeconds. DynamoDB answers single-item calls in milliseconds; the bound keeps EXPRESS's worst
 * case inside its 25 s (time-budget.ts).
 */
export const LEDGER_CALL_TIMEOUT_SECONDS = 2;
/** How long a delivered batch is remembered, so a replay within this window is answered `duplicate`. 7 days. */
export const LEDGER_TTL_SECONDS = 7 * 86_400;

/** The item key of a batch's claim, as a Parameters fragment. */
export function batchKey(): Record<string, unknown> {
  return { [LEDGER_KEY_ATTRIBUTE]: { "S.$": "States.Format('batch#{}', $.batchId)" } };
}

/**
 * The circuit item's key, as a Parameters fragment: the single webhook's `CIRCUIT_KEY`, or with destinations the
 * chosen one's (`destinationCircuitKey`, put at `$.destination.circuitKey` by the route state).
 */
export function circuitKey(perDestination = false): Record<string, unknown> {
  return {
    [LEDGER_KEY_ATTRIBUTE]: perDestination ? { "S.$": "$.destination.circuitKey" } : { S: CIRCUIT_KEY },
  };
}

/**
 * The claim's condition: nobody has the batch, or a claim (not a delivery) whose lease ran out. DynamoDB evaluates
 * it atomically with the write, so of two executions of one batch only one gets past it.
 */
export const CLAIM_CONDITION = `attribute_not_exists(${LEDGER_KEY_ATTRIBUTE}) OR (#status = :claimed AND leaseUntil < :now)`;

/**
 * MarkDelivered's condition: this execution still owns the batch. A retried MarkDelivered whose first attempt landed
 * passes too (the owner stays on the delivered record), so the write is idempotent.
 */
export const OWNER_CONDITION = `#owner = :me`;
/** A release's condition: a claim (never a delivery) that this execution owns. */
export const RELEASE_CONDITION = `#status = :claimed AND #owner = :me`;
