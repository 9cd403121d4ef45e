import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { runSimulation } from "@cloud-copilot/iam-simulate";

export const ACCOUNT = "123456789012";
export const REGION = "eu-west-1";
export const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/stepcord-permissions-boundary`;

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/**
 * Asks @cloud-copilot/iam-simulate (an independent IAM evaluator; AGPL, so only ever a test dependency) whether an
 * identity policy allows one request with the given condition context.
 */
export async function decide(
  policy: object,
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
        principal: `arn:aws:iam::${ACCOUNT}:role/stepcord-github-deploy-dev-abc1234`,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: context,
      },
    } as never,
    {},
  );
  if (response.resultType === "error") {
    // iam-simulate's service data has no API Gateway v2 resource types (`/apis/...`); pbac (MIT) evaluates those.
    if (action.startsWith("apigateway:") && JSON.stringify(response.errors).includes("no.resource.types"))
      return pbacDecision(policy, action, resource, context);
    throw new Error(`simulation of ${action} on ${resource} refused: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult as Decision;
}

type PbacRequest = { action: string; resource: string; context: Record<string, string | string[]> };
type Pbac = new (policies: object[]) => { evaluate(request: PbacRequest): boolean };
// pbac ships no types; this is the one constructor used.
const PBAC = createRequire(import.meta.url)("pbac") as Pbac;

function pbacDecision(
  policy: object,
  action: string,
  resource: string,
  context: Record<string, string | string[]>,
): Decision {
  type Statement = Record<string, unknown> & { Effect: string };
  const statements = (policy as { Statement: Statement[] }).Statement.map((s) => ({
    ...s,
    Action: ([] as unknown[]).concat(s.Action),
    Resource: ([] as unknown[]).concat(s.Resource ?? []),
  }));
  const pbac = new PBAC([{ Version: "2012-10-17", Statement: statements }]);
  const request = { action, resource, context };
  if (statements.some((s) => s.Effect === "Deny") && !pbac.evaluate(request)) {
    const denyOnly = new PBAC([
      { Version: "2012-10-17", Statement: statements.filter((s) => s.Effect === "Allow") },
    ]);
    if (denyOnly.evaluate(request)) return "ExplicitlyDenied";
  }
  return pbac.evaluate(request) ? "Allowed" : "ImplicitlyDenied";
}

export interface DeclaredResource {
  type: string;
  name: string;
  physicalName: string | null;
}

/** What infra/index.ts declares under Pulumi mocks, from its own harness in a child process (one program per process). */
export function infraResources(): DeclaredResource[] {
  const script = new URL("../../../../infra/test/harness/dump-resources.ts", import.meta.url).pathname;
  const out = execFileSync(process.execPath, ["--import", "tsx", script], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return JSON.parse(out) as DeclaredResource[];
}
