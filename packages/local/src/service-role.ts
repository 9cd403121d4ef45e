import { createRequire } from "node:module";
import {
  type AssumeRoleSource,
  assumeRoleRequestContext,
  type PolicyDocument,
  type TrustedService,
} from "@stepcord/definitions";

const require = createRequire(import.meta.url);
type PbacEngine = {
  evaluate(request: {
    action: string;
    resource: string;
    principal: Record<string, string[]>;
    context: Record<string, Record<string, string>>;
  }): boolean;
};
const PBAC = require("pbac") as new (policies: unknown[]) => PbacEngine;

/** A role an AWS service assumes in the local stack: its ARN and its trust policy, built like the Pulumi program's. */
export interface LocalServiceRole {
  arn: string;
  trustPolicy: PolicyDocument;
}

/** pbac's schema wants arrays where IAM also accepts a single string. */
function normalise(policy: PolicyDocument): unknown {
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => ({
      ...statement,
      Action: ([] as string[]).concat(statement.Action),
      ...(statement.Resource === undefined ? {} : { Resource: ([] as string[]).concat(statement.Resource) }),
      ...(statement.Principal !== undefined && "Service" in statement.Principal
        ? { Principal: { Service: ([] as string[]).concat(statement.Principal.Service) } }
        : {}),
    })),
  };
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
  return new PBAC([normalise(role.trustPolicy)]).evaluate({
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
