import type { PolicyDocument } from "./policy-document.js";

/**
 * IAM caps the inline policies of one role at 10,240 characters together, not counting white space ("Role policy
 * size cannot exceed 10,240 characters", IAM and AWS STS quotas, docs.aws.amazon.com/IAM/latest/UserGuide/
 * reference_iam-quotas.html). Each destination adds one route ARN to the workflow role's invoke policy, so a long
 * server list reaches it; PutRolePolicy would then fail mid-deploy.
 */
export const MAX_ROLE_INLINE_POLICY_CHARS = 10_240;

/** Characters IAM counts for these documents: their JSON without white space outside strings. */
export function rolePolicyChars(documents: readonly PolicyDocument[]): number {
  return documents.reduce((sum, document) => sum + JSON.stringify(document).length, 0);
}

/** The size check PutRolePolicy would make, before the deploy starts; names the count and what to do. */
export function checkRoleInlinePolicySize(role: string, documents: readonly PolicyDocument[]): void {
  const chars = rolePolicyChars(documents);
  if (chars > MAX_ROLE_INLINE_POLICY_CHARS) {
    throw new RangeError(
      `The inline policies of ${role} come to ${chars} characters; IAM allows ${MAX_ROLE_INLINE_POLICY_CHARS} per ` +
        "role. Each destination in stepcord:servers adds one route to the workflow's grant: list fewer servers or " +
        "channel overrides in this stack (split them over two stacks).",
    );
  }
}
