import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { BootstrapConfig } from "./bootstrap-config.js";
import { GithubDeployRoles } from "./components/github-deploy-roles.js";
import { StepcordPermissionsBoundary } from "./components/permissions-boundary.js";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST } from "./trust-policy.js";

/**
 * Declares the bootstrap: the GitHub OIDC provider (or an existing one), the permissions boundary every stepcord
 * role must carry, a read-only preview role and a deploy role per environment. Returns the outputs index.ts exports.
 */
export function defineBootstrapStack(settings: BootstrapConfig) {
  const identity = aws.getCallerIdentityOutput();
  const partition = aws.getPartitionOutput().partition;
  const existing = settings.existingOidcProviderArn;
  const oidcProviderArn: pulumi.Output<string> = existing
    ? pulumi.output(existing)
    : new aws.iam.OpenIdConnectProvider("stepcord-github-oidc", {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIdLists: [GITHUB_OIDC_AUDIENCE],
      }).arn;

  const boundary = new StepcordPermissionsBoundary("stepcord-boundary", {
    partition,
    accountId: identity.accountId,
  });
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
  return {
    oidcProviderArn,
    permissionsBoundaryArn: boundary.arn,
    previewRoleArn: roles.previewRoleArn,
    deployRoleArns: roles.deployRoleArns,
  };
}
