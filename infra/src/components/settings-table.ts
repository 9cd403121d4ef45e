import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SETTINGS_KEY_ATTRIBUTE, SETTINGS_TTL_ATTRIBUTE } from "@stepcord/definitions";

/** The table's settings as plain data, so tests can hold them without a deploy. */
export function settingsTableArgs(): aws.dynamodb.TableArgs & {
  billingMode: "PAY_PER_REQUEST";
  ttl: { attributeName: string; enabled: boolean };
} {
  return {
    // On demand: a server's admins write a handful of items a month.
    billingMode: "PAY_PER_REQUEST",
    hashKey: SETTINGS_KEY_ATTRIBUTE,
    attributes: [{ name: SETTINGS_KEY_ATTRIBUTE, type: "S" }],
    // Only interaction#<id> records carry expiresAt; a server's settings never expire.
    ttl: { attributeName: SETTINGS_TTL_ATTRIBUTE, enabled: true },
    // Admins' choices are the one thing here a person typed: a bad write can be rolled back to any second of 35 days.
    pointInTimeRecovery: { enabled: true },
    // Encrypted at rest, as every DynamoDB table is, with the key DynamoDB owns. `serverSideEncryption.enabled: true`
    // would switch to the AWS-managed KMS key (aws/dynamodb), whose grants go through KMS and so through the
    // permissions boundary, which allows KMS only for SSM (decisions 0019 and 0027).
    deletionProtectionEnabled: false,
  };
}

/** Where `/stepcord` settings live (settings-table.ts in @stepcord/definitions has the item shapes). */
export class SettingsTable extends pulumi.ComponentResource {
  readonly tableName: pulumi.Output<string>;
  readonly tableArn: pulumi.Output<string>;

  constructor(name: string, args: Record<string, never> = {}, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:settings:SettingsTable", name, args, opts);
    const table = new aws.dynamodb.Table(`${name}-table`, { ...settingsTableArgs() }, { parent: this });
    this.tableName = table.name;
    this.tableArn = table.arn;
    this.registerOutputs({ tableName: this.tableName, tableArn: this.tableArn });
  }
}
