import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deployPolicy } from "../deploy-policy.js";
import { previewSecretsKeyPolicy } from "../preview-policy.js";
import { githubOidcTrustPolicy } from "../trust-policy.js";

export interface GithubDeployRolesArgs {
  oidcProviderArn: pulumi.Input<string>;
  owner: string;
  repo: string;
  /** GitHub's numeric ids: repositories created after 2026-07-15 are only matched by subjects that carry them. */
  ownerId: string;
  repoId: string;
  /** One deploy role per GitHub environment, trusted for `environment:<name>` only. */
  environments: string[];
  partition: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  permissionsBoundaryArn: pulumi.Input<string>;
  stateBucket?: string;
  /** The `awskms://` secrets provider's key: the deploy roles may Encrypt/Decrypt with it, the preview role Decrypt. */
  kmsKeyArn?: string;
}

/**
 * The roles GitHub Actions assume: a read-only preview role trusted for `pull_request`, and a deploy role per
 * environment trusted for that environment only, allowed exactly what `pulumi up` of stepcord needs.
 */
export class GithubDeployRoles extends pulumi.ComponentResource {
  readonly previewRoleArn: pulumi.Output<string>;
  readonly deployRoleArns: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: GithubDeployRolesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:github:DeployRoles", name, {}, opts);
    const trust = (subjects: string[]) =>
      pulumi.output(args.oidcProviderArn).apply((providerArn) =>
        JSON.stringify(
          githubOidcTrustPolicy({
            providerArn,
            owner: args.owner,
            repo: args.repo,
            ownerId: args.ownerId,
            repoId: args.repoId,
            subjects,
          }),
        ),
      );

    const preview = new aws.iam.Role(
      `${name}-preview`,
      { assumeRolePolicy: trust(["pull_request"]) },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-preview-readonly`,
      {
        role: preview.name,
        policyArn: pulumi.interpolate`arn:${args.partition}:iam::aws:policy/ReadOnlyAccess`,
      },
      { parent: this },
    );
    if (args.kmsKeyArn) {
      // ReadOnlyAccess grants no kms:Decrypt, and a preview cannot read KMS-encrypted stack config without it.
      new aws.iam.RolePolicy(
        `${name}-preview-secrets-key`,
        {
          role: preview.id,
          policy: JSON.stringify(previewSecretsKeyPolicy({ kmsKeyArn: args.kmsKeyArn })),
        },
        { parent: this },
      );
    }
    this.previewRoleArn = preview.arn;

    const policy = pulumi
      .all([args.partition, args.accountId, args.permissionsBoundaryArn])
      .apply(([partition, accountId, permissionsBoundaryArn]) =>
        JSON.stringify(
          deployPolicy({
            partition,
            accountId,
            permissionsBoundaryArn,
            ...(args.stateBucket ? { stateBucket: args.stateBucket } : {}),
            ...(args.kmsKeyArn ? { kmsKeyArn: args.kmsKeyArn } : {}),
          }),
        ),
      );
    const arns: Record<string, pulumi.Output<string>> = {};
    for (const env of args.environments) {
      const role = new aws.iam.Role(
        `${name}-deploy-${env}`,
        { assumeRolePolicy: trust([`environment:${env}`]) },
        { parent: this },
      );
      new aws.iam.RolePolicy(`${name}-deploy-${env}-policy`, { role: role.id, policy }, { parent: this });
      arns[env] = role.arn;
    }
    this.deployRoleArns = pulumi.output(arns);
    this.registerOutputs({ previewRoleArn: this.previewRoleArn, deployRoleArns: this.deployRoleArns });
  }
}
