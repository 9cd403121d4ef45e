// The one-time bootstrap for GitHub Actions deploys (docs/deploy.md): the OIDC provider, the permissions boundary
// every stepcord role must carry, a read-only preview role and a deploy role per environment.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GithubDeployRoles } from "./src/components/github-deploy-roles.js";
import { StepcordPermissionsBoundary } from "./src/components/permissions-boundary.js";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from "./src/trust-policy.js";

const config = new pulumi.Config();
const ownerId = config.get("githubOwnerId");
const repoId = config.get("githubRepoId");
const stateBucket = config.get("stateBucket");
const kmsKeyArn = config.get("kmsKeyArn");
const existing = config.get("existingOidcProviderArn");

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
  owner: config.require("githubOwner"),
  repo: config.require("githubRepo"),
  ...(ownerId ? { ownerId } : {}),
  ...(repoId ? { repoId } : {}),
  environments: config.getObject<string[]>("environments") ?? ["dev", "prod"],
  partition,
  accountId: identity.accountId,
  permissionsBoundaryArn: boundary.arn,
  ...(stateBucket ? { stateBucket } : {}),
  ...(kmsKeyArn ? { kmsKeyArn } : {}),
});
export const previewRoleArn = roles.previewRoleArn;
export const deployRoleArns = roles.deployRoleArns;
