// The one-time bootstrap for GitHub Actions deploys (docs/deploy.md): the OIDC provider, the permissions boundary
// every stepcord role must carry, a read-only preview role and a deploy role per environment.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { loadBootstrapConfig } from "./src/bootstrap-config.js";
import { GithubDeployRoles } from "./src/components/github-deploy-roles.js";
import { StepcordPermissionsBoundary } from "./src/components/permissions-boundary.js";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from "./src/trust-policy.js";

const config = new pulumi.Config();
// Validated once, every problem listed: a missing numeric id would leave new repositories unable to assume a role.
const settings = loadBootstrapConfig({
  githubOwner: config.get("githubOwner"),
  githubRepo: config.get("githubRepo"),
  githubOwnerId: config.get("githubOwnerId"),
  githubRepoId: config.get("githubRepoId"),
  environments: config.getObject<string[]>("environments"),
  stateBucket: config.get("stateBucket"),
  kmsKeyArn: config.get("kmsKeyArn"),
  existingOidcProviderArn: config.get("existingOidcProviderArn"),
});
const existing = settings.existingOidcProviderArn;

const identity = aws.getCallerIdentityOutput();
const partition = aws.getPartitionOutput().partition;

export const oidcProviderArn: pulumi.Output<string> = existing
  ? pulumi.output(existing)
  : new aws.iam.OpenIdConnectProvider("stepcord-github-oidc", {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdLists: [GITHUB_OIDC_AUDIENCE],
    }).arn;

const boundary = new StepcordPermissionsBoundary("stepcord-boundary", {
  partition,
  accountId: identity.accountId,
});
/** Set it on each stepcord and stepcord-bot stack: `pulumi config set permissionsBoundaryArn <this>`. */
export const permissionsBoundaryArn = boundary.arn;

const roles = new GithubDeployRoles("stepcord-github", {
  oidcProviderArn,
  owner: settings.githubOwner,
  repo: settings.githubRepo,
  ownerId: settings.githubOwnerId,
  repoId: settings.githubRepoId,
  environments: settings.environments,
  partition,
  accountId: identity.accountId,
  permissionsBoundaryArn: boundary.arn,
  ...(settings.stateBucket ? { stateBucket: settings.stateBucket } : {}),
  ...(settings.kmsKeyArn ? { kmsKeyArn: settings.kmsKeyArn } : {}),
});
export const previewRoleArn = roles.previewRoleArn;
export const deployRoleArns = roles.deployRoleArns;
