export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

export interface GithubOidcTrustInput {
  providerArn: string;
  owner: string;
  repo: string;
  ownerId?: string;
  repoId?: string;
  /** Subject suffixes, e.g. `pull_request` or `environment:dev`. */
  subjects: readonly string[];
}

export class TrustPolicyError extends Error {
  override name = "TrustPolicyError";
}

/** Subject patterns: legacy `repo:OWNER/REPO:<s>`, plus `repo:OWNER@ID/REPO@ID:<s>` when both ids are known. */
export function githubSubjects(input: GithubOidcTrustInput): string[] {
  const out: string[] = [];
  for (const s of input.subjects) {
    out.push(`repo:${input.owner}/${input.repo}:${s}`);
    if (input.ownerId && input.repoId) {
      out.push(`repo:${input.owner}@${input.ownerId}/${input.repo}@${input.repoId}:${s}`);
    }
  }
  return out;
}

/** Pure: the assume-role policy letting GitHub Actions runs of one repository (and only the given subjects) in. */
export function githubOidcTrustPolicy(input: GithubOidcTrustInput) {
  if (!input.owner || !input.repo) {
    throw new TrustPolicyError(
      "githubOwner and githubRepo must be set (pulumi config set githubOwner <org>).",
    );
  }
  if (input.subjects.length === 0) {
    throw new TrustPolicyError("At least one subject is needed, e.g. 'pull_request' or 'environment:dev'.");
  }
  if (input.subjects.some((s) => s.includes("*"))) {
    throw new TrustPolicyError("Subjects must not contain '*'; name each event or environment explicitly.");
  }
  if (Boolean(input.ownerId) !== Boolean(input.repoId)) {
    throw new TrustPolicyError("Set both githubOwnerId and githubRepoId, or neither.");
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "sts:AssumeRoleWithWebIdentity",
        Principal: { Federated: input.providerArn },
        Condition: {
          StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE },
          StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: githubSubjects(input) },
        },
      },
    ],
  };
}
