import { type PolicyDocument, policyDocument } from "../iam/policy-document.js";

/**
 * The pair of roles every ECS task has: the task role (what the container's code may do) and the execution role
 * (what the ECS agent does for it: pull the image, ship logs, fetch secrets). Both are assumed by the same service
 * principal; only the execution role carries AWS's managed execution policy. The bot's stack creates the pair and
 * the GitHub deploy role must be allowed to pass and attach exactly these.
 */

/** The principal both roles trust (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html). */
export const ECS_TASKS_SERVICE = "ecs-tasks.amazonaws.com";

/** AWS's managed policy for the execution role: ECR pull and CloudWatch Logs writes. */
export const ECS_TASK_EXECUTION_POLICY_NAME = "service-role/AmazonECSTaskExecutionRolePolicy";

/** `arn:<partition>:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`. */
export function ecsTaskExecutionPolicyArn(partition: string): string {
  return `arn:${partition}:iam::aws:policy/${ECS_TASK_EXECUTION_POLICY_NAME}`;
}

/**
 * The execution role's trust: ECS with no source condition, as AWS's "Amazon ECS task execution IAM role" page writes
 * it (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html). AWS documents
 * `aws:SourceAccount`/`aws:SourceArn` for the task role only (task-iam-roles.html), and a condition on a key ECS does
 * not send would stop every task from starting. A role cannot be passed to another account's task definition
 * (iam:PassRole stays in its account), so the missing condition opens nothing to other accounts.
 */
export function ecsExecutionRoleTrustPolicy(): PolicyDocument {
  return policyDocument({
    Effect: "Allow",
    Principal: { Service: ECS_TASKS_SERVICE },
    Action: "sts:AssumeRole",
  });
}
