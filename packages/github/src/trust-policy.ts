export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

export interface GithubOidcTrustInput {
  providerArn: string;
  owner: string;
  repo: string;
  /** GitHub's numeric owner id (`gh api repos/OWNER/REPO --jq .owner.id`). */
  ownerId: string;
  /** GitHub's numeric repository id (`gh api repos/OWNER/REPO --jq .id`). */
  repoId: string;
  /** Subject suffixes, e.g. `pull_request` or `environment:dev`. */
  subjects: readonly string[];
}

export class TrustPolicyError extends Error {
  override readonly name = "TrustPolicyError";
  readonly code = "STEPCORD_INVALID_TRUST_POLICY";
}

/**
 * Subject patterns in both of GitHub's formats: `repo:OWNER/REPO:<s>` (repositories created before 2026-07-15) and
 * `repo:OWNER@ID/REPO@ID:<s>` (created after; names alone never match them).
 */
export function githubSubjects(input: GithubOidcTrustInput): string[] {
  return input.subjects.flatMap((s) => [
    `repo:${input.owner}/${input.repo}:${s}`,
    `repo:${input.owner}@${input.ownerId}/${input.repo}@${input.repoId}:${s}`,
  ]);
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
  for (const [key, value, jq] of [
    ["githubOwnerId", input.ownerId, ".owner.id"],
    ["githubRepoId", input.repoId, ".id"],
  ] as const) {
    if (!/^[1-9]\d*$/.test(value ?? "")) {
      throw new TrustPolicyError(
        `Invalid ${key} ${JSON.stringify(value)}. Must be GitHub's numeric id (gh api repos/${input.owner}/${input.repo} --jq ${jq}); ` +
          "repositories created after 2026-07-15 are only matched by subjects that carry it.",
      );
    }
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
