import { KMS_KEY_ARN } from "@stepcord/definitions";

/** The bootstrap program's config as read from Pulumi, before validation. */
export interface RawBootstrapConfig {
  githubOwner?: string | undefined;
  githubRepo?: string | undefined;
  githubOwnerId?: string | undefined;
  githubRepoId?: string | undefined;
  environments?: string[] | undefined;
  stateBucket?: string | undefined;
  kmsKeyArn?: string | undefined;
  existingOidcProviderArn?: string | undefined;
}

export interface BootstrapConfig {
  githubOwner: string;
  githubRepo: string;
  /** GitHub's numeric owner id; subjects of repositories created after 2026-07-15 carry it. */
  githubOwnerId: string;
  /** GitHub's numeric repository id. */
  githubRepoId: string;
  /** @default ["dev", "prod"] */
  environments: string[];
  stateBucket?: string;
  /** A KMS key ARN (not an alias): the `awskms://` secrets provider's key. */
  kmsKeyArn?: string;
  existingOidcProviderArn?: string;
}

export const DEFAULT_ENVIRONMENTS = ["dev", "prod"] as const;

/** Thrown when the bootstrap's config is incomplete or invalid; the message lists every problem with its fix. */
export class BootstrapConfigError extends Error {
  override readonly name = "BootstrapConfigError";
  readonly code = "STEPCORD_INVALID_BOOTSTRAP_CONFIG";
  constructor(readonly problems: string[]) {
    super(
      `The stepcord-github bootstrap config has ${problems.length} problem(s):\n- ${problems.join("\n- ")}`,
    );
  }
}

const NUMERIC_ID = /^[1-9]\d*$/;

/**
 * Validates the bootstrap's config once, listing every problem. The numeric ids are required: GitHub signs OIDC
 * subjects of repositories created after 2026-07-15 as `repo:OWNER@ID/REPO@ID:…`, which a trust policy written with
 * names alone never matches; with the ids both formats are trusted, so older repositories keep working.
 */
export function loadBootstrapConfig(raw: RawBootstrapConfig): BootstrapConfig {
  const problems: string[] = [];
  const owner = raw.githubOwner ?? "";
  const repo = raw.githubRepo ?? "";
  if (!owner) problems.push("githubOwner is required: pulumi config set githubOwner <org-or-user>");
  if (!repo) problems.push("githubRepo is required: pulumi config set githubRepo <repo>");
  const slug = owner && repo ? `${owner}/${repo}` : "OWNER/REPO";
  const ids = [
    { key: "githubOwnerId", value: raw.githubOwnerId, jq: ".owner.id" },
    { key: "githubRepoId", value: raw.githubRepoId, jq: ".id" },
  ];
  const missing = ids.filter((id) => !id.value);
  if (missing.length > 0) {
    problems.push(
      `${missing.map((id) => id.key).join(" and ")} ${missing.length > 1 ? "are" : "is"} required: GitHub signs the ` +
        "OIDC subjects of repositories created after 2026-07-15 as repo:OWNER@ID/REPO@ID:…, which a trust policy " +
        "without the ids never matches (both formats are trusted, so older repositories keep working). Find them with " +
        missing.map((id) => `\`gh api repos/${slug} --jq ${id.jq}\``).join(" and ") +
        ", then " +
        missing.map((id) => `\`pulumi config set ${id.key} <id>\``).join(" and ") +
        ".",
    );
  }
  for (const id of ids) {
    if (id.value && !NUMERIC_ID.test(id.value)) {
      problems.push(
        `Invalid ${id.key} ${JSON.stringify(id.value)}. Must be GitHub's numeric id: \`gh api repos/${slug} --jq ${id.jq}\`.`,
      );
    }
  }
  const environments = raw.environments ?? [...DEFAULT_ENVIRONMENTS];
  if (environments.length === 0 || environments.some((env) => !env || env.includes("*"))) {
    problems.push(
      `Invalid environments ${JSON.stringify(environments)}. Must be a non-empty list of GitHub environment names, without '*'.`,
    );
  }
  if (raw.kmsKeyArn && !KMS_KEY_ARN.test(raw.kmsKeyArn)) {
    problems.push(
      `Invalid kmsKeyArn ${JSON.stringify(raw.kmsKeyArn)}. Must be a key ARN, arn:aws:kms:<region>:<account>:key/<key-id>; ` +
        "an alias does not authorize kms:Decrypt in an IAM policy (aws kms describe-key --key-id <alias> --query KeyMetadata.Arn).",
    );
  }
  if (problems.length > 0) throw new BootstrapConfigError(problems);
  return {
    githubOwner: owner,
    githubRepo: repo,
    githubOwnerId: raw.githubOwnerId as string,
    githubRepoId: raw.githubRepoId as string,
    environments,
    ...(raw.stateBucket ? { stateBucket: raw.stateBucket } : {}),
    ...(raw.kmsKeyArn ? { kmsKeyArn: raw.kmsKeyArn } : {}),
    ...(raw.existingOidcProviderArn ? { existingOidcProviderArn: raw.existingOidcProviderArn } : {}),
  };
}
