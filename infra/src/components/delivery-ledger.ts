import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LEDGER_KEY_ATTRIBUTE, LEDGER_TTL_ATTRIBUTE } from "@stepcord/definitions";

/** The table's settings as plain data, so tests can hold them without a deploy. */
export function deliveryLedgerTableArgs(): aws.dynamodb.TableArgs & {
  billingMode: "PAY_PER_REQUEST";
  ttl: { attributeName: string; enabled: boolean };
} {
  return {
    // On demand: stepcord writes 1-3 items per batch, far from any provisioned minimum's worth.
    billingMode: "PAY_PER_REQUEST",
    hashKey: LEDGER_KEY_ATTRIBUTE,
    attributes: [{ name: LEDGER_KEY_ATTRIBUTE, type: "S" }],
    // Claims and deliveries expire after LEDGER_TTL_SECONDS; TTL deletes cost nothing.
    ttl: { attributeName: LEDGER_TTL_ATTRIBUTE, enabled: true },
    pointInTimeRecovery: { enabled: true },
    // No serverSideEncryption: DynamoDB encrypts every table at rest, by default with a key DynamoDB owns at no
    // cost. The AWS-managed key (aws/dynamodb) would add KMS charges and KMS use under the permissions boundary for
    // a table that holds only ids (docs/decisions/0027-delivery-ledger.md).
    // `pulumi destroy` of a stack should not need a second step; the ledger holds no user data, only ids.
    deletionProtectionEnabled: false,
  };
}

/**
 * The delivery ledger: one DynamoDB table where the workflow claims each batch id, records its delivery and keeps the
 * webhook's circuit (see delivery-ledger.ts in @stepcord/definitions for the item shapes).
 */
export class DeliveryLedger extends pulumi.ComponentResource {
  readonly tableName: pulumi.Output<string>;
  readonly tableArn: pulumi.Output<string>;

  constructor(name: string, args: Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:ledger:DeliveryLedger", name, args, opts);
    const table = new aws.dynamodb.Table(`${name}-table`, { ...deliveryLedgerTableArgs() }, { parent: this });
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn });
  }
}
