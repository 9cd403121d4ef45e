import {
  type AssumeRoleSource,
  assumeRoleRequestContext,
  type PolicyDocument,
  type TrustedService,
} from "@stepcord/definitions";
import { PBAC, pbacPolicy } from "./pbac-policy.js";

/** A role an AWS service assumes in the local stack: its ARN and its trust policy, built like the Pulumi program's. */
export interface LocalServiceRole {
  arn: string;
  trustPolicy: PolicyDocument;
}

/**
 * Whether `service`, acting for `source`, may assume `role`: the role's trust policy evaluated (pbac, MIT) against
 * the request context the real service sends, from `SERVICE_ASSUME_ROLE`, so API Gateway brings no source keys and
 * Step Functions brings its account and state machine ARN. The local stack adds nothing the service does not.
 */
export function serviceMayAssume(
  role: LocalServiceRole,
  service: TrustedService,
  source: AssumeRoleSource,
): boolean {
  // pbac reads `aws:SourceAccount` as context.aws.SourceAccount.
  const context: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(assumeRoleRequestContext(service, source))) {
    const [prefix, name] = key.split(":") as [string, string];
    context[prefix] = { ...context[prefix], [name]: value };
  }
  return new PBAC([pbacPolicy(role.trustPolicy, "trust")]).evaluate({
    action: "sts:AssumeRole",
    resource: role.arn,
    principal: { Service: [service] },
    context,
  });
}

/**
 * Step Functions could not assume the state machine's role. AWS answers CreateStateMachine (and fails executions)
 * with this message (lumigo-io/lumigo-CLI issue #83 quotes it), whatever the trust policy got wrong.
 */
export class WorkflowRoleNotAssumableError extends Error {
  override readonly name = "WorkflowRoleNotAssumableError";
  readonly code = "STEPCORD_LOCAL_WORKFLOW_ROLE_NOT_ASSUMABLE";
  constructor(readonly roleArn: string) {
    super(
      "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the " +
        `provided role (${roleArn}). Its trust policy must admit what Step Functions sends: aws:SourceAccount and ` +
        "aws:SourceArn of the state machine (build it with serviceTrustPolicy).",
    );
  }
}
