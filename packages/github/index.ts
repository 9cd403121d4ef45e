// The one-time bootstrap for GitHub Actions deploys (docs/deploy.md): read and check config, declare the stack,
// export its outputs.
import { readBootstrapConfig } from "./src/read-config.js";
import { defineBootstrapStack } from "./src/stack.js";

const outputs = defineBootstrapStack(readBootstrapConfig());

export const oidcProviderArn = outputs.oidcProviderArn;
/** Set it on each stepcord and stepcord-bot stack: `pulumi config set permissionsBoundaryArn <this>`. */
export const permissionsBoundaryArn = outputs.permissionsBoundaryArn;
export const previewRoleArn = outputs.previewRoleArn;
export const deployRoleArns = outputs.deployRoleArns;
