import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { PolicyDocument } from "../../src/index.js";

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

/** Whether a role's trust policy lets an AWS service assume it on behalf of `sourceAccount`. */
export async function trustDecision(
  trustPolicy: PolicyDocument,
  service: string,
  sourceAccount: string,
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
        contextVariables: { "aws:SourceAccount": sourceAccount },
      },
    } as never,
    {},
  );
  if (response.resultType === "error")
    throw new Error(`simulation refused: ${JSON.stringify(response.errors)}`);
  return response.overallResult as Decision;
}
