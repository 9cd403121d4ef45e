/**
 * The shapes of ARNs that stack config may carry, checked before a resource is declared with them. The partition
 * part allows `aws`, `aws-cn` and `aws-us-gov`.
 */

/** A customer-managed IAM policy, e.g. the GitHub bootstrap's `permissionsBoundaryArn` output. */
export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/;

/** A KMS key ARN (not an alias: an alias does not authorize `kms:Decrypt` in an IAM policy). */
export const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** An SSM parameter's ARN from its name; hierarchical names start with `/`, which the ARN keeps after `parameter`. */
export function ssmParameterArn(args: {
  partition: string;
  region: string;
  account: string;
  name: string;
}): string {
  if (!args.name.startsWith("/")) {
    throw new TypeError(
      `Invalid SSM parameter name ${JSON.stringify(args.name)}. Must be a path starting with "/", e.g. /stepcord/dev/discord-token.`,
    );
  }
  return `arn:${args.partition}:ssm:${args.region}:${args.account}:parameter${args.name}`;
}
