/**
 * What each AWS service stepcord trusts really puts into the request context when it calls `sts:AssumeRole` for one
 * of our roles. A trust policy can only be conditioned on keys the service sends: a condition on a key that is absent
 * never matches, and the role becomes unusable (every `POST /events` a 500). The IAM simulator in the tests and the
 * local stack build their AssumeRole contexts from this table, so neither adds a key the real service leaves out.
 */

/** The global condition keys a service may set when it assumes a role on a resource's behalf. */
export type SourceKey = "aws:SourceAccount" | "aws:SourceArn";

export type TrustedService = "apigateway.amazonaws.com" | "states.amazonaws.com" | "ecs-tasks.amazonaws.com";

export interface AccountScope {
  partition: string;
  region: string;
  account: string;
}

export interface ServiceAssumeRoleFacts {
  /** Which role of ours the service assumes, and when. */
  assumes: string;
  /** The keys the service puts into its `sts:AssumeRole` request; empty when it sends neither. */
  sends: readonly SourceKey[];
  /** What `aws:SourceArn` holds when sent. */
  sourceArnIs?: string;
  /**
   * The `aws:SourceArn` pattern (for `ArnLike`) that admits this service acting for any of its resources of one account
   * and region. Only where stepcord pins the source ARN in the trust policy.
   */
  sourceArnPattern?: (scope: AccountScope) => string;
  /** Where each fact above comes from. */
  sources: readonly string[];
}

export const SERVICE_ASSUME_ROLE: Readonly<Record<TrustedService, ServiceAssumeRoleFacts>> = {
  "apigateway.amazonaws.com": {
    assumes:
      "an integration's credentials role (the events API's StartExecution role), on each integration call",
    // Confirmed live with test-invoke-method: a credentials role whose trust required aws:SourceAccount gave
    // "API Gateway does not have permission to assume the provided role" and a 500 on every request.
    sends: [],
    sources: [
      "aws-solutions-library-samples/accelerated-intelligent-document-processing-on-aws pull request #479",
      "terraform-aws-modules/terraform-aws-apigateway-v2 issue #87 (HTTP API: 500, 'API Gateway doesn't have " +
        "permissions to assume the IAM role configured on the integration')",
    ],
  },
  "states.amazonaws.com": {
    assumes: "the state machine's execution role, for the tasks of each execution",
    sends: ["aws:SourceAccount", "aws:SourceArn"],
    sourceArnIs: "the state machine's ARN, arn:<partition>:states:<region>:<account>:stateMachine:<name>",
    sourceArnPattern: ({ partition, region, account }) =>
      `arn:${partition}:states:${region}:${account}:stateMachine:*`,
    sources: [
      "https://docs.aws.amazon.com/step-functions/latest/dg/procedure-create-iam-role.html " +
        "(Prevent cross-service confused deputy issue: ArnLike aws:SourceArn stateMachine:*, StringEquals " +
        "aws:SourceAccount)",
    ],
  },
  "ecs-tasks.amazonaws.com": {
    assumes: "a task definition's task role (for the containers) and its task execution role (for the agent)",
    sends: ["aws:SourceAccount", "aws:SourceArn"],
    sourceArnIs: "the task's ARN, arn:<partition>:ecs:<region>:<account>:task/<cluster>/<task id>",
    sources: [
      "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html (the task role: use " +
        "aws:SourceAccount or aws:SourceArn in the trust relationship against the confused deputy)",
      "awsdocs/amazon-ecs-developer-guide issue #208 (ArnLike aws:SourceArn arn:aws:ecs:*:<account>:task/* " +
        "works; pinning one cluster does not)",
    ],
  },
};

/** The resource the service acts for when it assumes the role. */
export interface AssumeRoleSource {
  account: string;
  /** The ARN of the service's resource (a state machine, a task); sent only by services that send aws:SourceArn. */
  arn: string;
}

/** The condition keys of one `sts:AssumeRole` call by `service`: exactly the ones the real service sends. */
export function assumeRoleRequestContext(
  service: TrustedService,
  source: AssumeRoleSource,
): Record<string, string> {
  const context: Record<string, string> = {};
  for (const key of SERVICE_ASSUME_ROLE[service].sends) {
    context[key] = key === "aws:SourceAccount" ? source.account : source.arn;
  }
  return context;
}
