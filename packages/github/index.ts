import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { deployPolicy } from "./src/deploy-policy.js";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, githubOidcTrustPolicy } from "./src/trust-policy.js";

const config = new pulumi.Config();
const owner = config.require("githubOwner");
const repo = config.require("githubRepo");
const ownerId = config.get("githubOwnerId");
const repoId = config.get("githubRepoId");
const environments = config.getObject<string[]>("environments") ?? ["dev", "prod"];
const existing = config.get("existingOidcProviderArn");
const stateBucket = config.get("stateBucket");
const kmsKeyArn = config.get("kmsKeyArn");
const ids = { ...(ownerId ? { ownerId } : {}), ...(repoId ? { repoId } : {}) };

export const oidcProviderArn: pulumi.Output<string> = existing
  ? pulumi.output(existing)
  : new aws.iam.OpenIdConnectProvider("stepcord-github-oidc", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdLists: [GITHUB_OIDC_AUDIENCE],
    }).arn;

const trust = (subjects: string[]) =>
  oidcProviderArn.apply((providerArn) =>
    JSON.stringify(githubOidcTrustPolicy({ providerArn, owner, repo, ...ids, subjects })),
  );

const preview = new aws.iam.Role("stepcord-github-preview", { assumeRolePolicy: trust(["pull_request"]) });
new aws.iam.RolePolicyAttachment("stepcord-github-preview-readonly", {
  role: preview.name,
  policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
});
export const previewRoleArn = preview.arn;

const identity = aws.getCallerIdentityOutput();
const partition = aws.getPartitionOutput();
const arns: Record<string, pulumi.Output<string>> = {};
for (const env of environments) {
  const role = new aws.iam.Role(`stepcord-github-deploy-${env}`, {
    assumeRolePolicy: trust([`environment:${env}`]),
  });
  new aws.iam.RolePolicy(`stepcord-github-deploy-${env}-policy`, {
    role: role.id,
    policy: pulumi.all([identity.accountId, partition.partition]).apply(([accountId, p]) =>
      JSON.stringify(
        deployPolicy({
          partition: p,
          accountId,
          ...(stateBucket ? { stateBucket } : {}),
          ...(kmsKeyArn ? { kmsKeyArn } : {}),
        }),
      ),
    ),
  });
  arns[env] = role.arn;
}
export const deployRoleArns = pulumi.output(arns);
