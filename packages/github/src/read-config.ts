import * as pulumi from "@pulumi/pulumi";
import { type BootstrapConfig, loadBootstrapConfig } from "./bootstrap-config.js";

/**
 * Reads the bootstrap's config once and validates it, listing every problem: a missing numeric id would leave new
 * repositories unable to assume a role.
 */
export function readBootstrapConfig(): BootstrapConfig {
  const config = new pulumi.Config();
  return loadBootstrapConfig({
    githubOwner: config.get("githubOwner"),
    githubRepo: config.get("githubRepo"),
    githubOwnerId: config.get("githubOwnerId"),
    githubRepoId: config.get("githubRepoId"),
    environments: config.getObject<string[]>("environments"),
    stateBucket: config.get("stateBucket"),
    kmsKeyArn: config.get("kmsKeyArn"),
    existingOidcProviderArn: config.get("existingOidcProviderArn"),
  });
}
