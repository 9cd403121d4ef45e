export {
  type BootstrapConfig,
  BootstrapConfigError,
  DEFAULT_ENVIRONMENTS,
  loadBootstrapConfig,
  type RawBootstrapConfig,
} from "./bootstrap-config.js";
export {
  type DeployPolicyInput,
  deployPolicy,
  ECS_TASK_EXECUTION_POLICY,
  SERVICE_LINKED_ROLES,
} from "./deploy-policy.js";
export {
  type AccountScope,
  PERMISSIONS_BOUNDARY_NAME,
  permissionsBoundaryPolicy,
} from "./permissions-boundary.js";
export { previewSecretsKeyPolicy } from "./preview-policy.js";
export {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  type GithubOidcTrustInput,
  githubOidcTrustPolicy,
  githubSubjects,
  TrustPolicyError,
} from "./trust-policy.js";
