import { runSimulation } from "@cloud-copilot/iam-simulate";
import {
  type AssumeRoleSource,
  assumeRoleRequestContext,
  type PolicyDocument,
  type TrustedService,
} from "../../src/index.js";

export const ACCOUNT = "123456789012";

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/**
 * Asks @cloud-copilot/iam-simulate (an independent IAM evaluator; AGPL, so only ever a test dependency) whether an
 * identity policy allows one request.
 */
export async function identityDecision(
  policy: PolicyDocument,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): Promise<Decision> {
  const response = await runSimulation(
    {
      identityPolicies: [{ name: "under-test", policy: policy as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:iam::${ACCOUNT}:role/stepcord-under-test`,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: context,
      },
    } as never,
    {},
  );
  if (response.resultType === "error")
    throw new SimulationRefusedError(action, resource, JSON.stringify(response.errors));
  return response.overallResult as Decision;
}

/** iam-simulate could not evaluate the request (e.g. it has no resource types for the action). */
export class SimulationRefusedError extends Error {
  override readonly name = "SimulationRefusedError";
  constructor(
    readonly action: string,
    readonly resource: string,
    readonly reasons: string,
  ) {
    super(`iam-simulate refused to evaluate ${action} on ${resource}: ${reasons}`);
  }
}

/**
 * Whether a role's trust policy lets an AWS service assume it while acting for `source`, with the request context
 * the real service sends (`SERVICE_ASSUME_ROLE`): API Gateway sends no source keys, Step Functions both. The
 * simulator never adds a key the service leaves out; that is how a trust condition on a missing key shows up here.
 */
export async function trustDecision(
  trustPolicy: PolicyDocument,
  service: TrustedService,
  source: AssumeRoleSource,
): Promise<Decision> {
  return assumeRoleDecision(trustPolicy, service, assumeRoleRequestContext(service, source));
}

/** The same evaluation with a context given verbatim, e.g. to show what a key the service never sends would hide. */
export async function assumeRoleDecision(
  trustPolicy: PolicyDocument,
  service: string,
  context: Record<string, string>,
): Promise<Decision> {
  const response = await runSimulation(
    {
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: trustPolicy as never,
      request: {
        action: "sts:AssumeRole",
        principal: service,
        resource: { resource: `arn:aws:iam::${ACCOUNT}:role/stepcord-under-test`, accountId: ACCOUNT },
        contextVariables: context,
      },
    } as never,
    {},
  );
  if (response.resultType === "error")
    throw new SimulationRefusedError("sts:AssumeRole", service, JSON.stringify(response.errors));
  return response.overallResult as Decision;
}
