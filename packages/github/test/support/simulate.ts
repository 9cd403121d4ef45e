import { execFileSync } from "node:child_process";
import type { PolicyDocument } from "@stepcord/definitions";
import {
  ACCOUNT,
  type Decision,
  identityDecision,
  pbacAllows,
  SimulationRefusedError,
} from "@stepcord/definitions/testing";

export { ACCOUNT, type Decision };
export const REGION = "eu-west-1";
export const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/stepcord-permissions-boundary`;

/**
 * iam-simulate's decision on one request with a condition context. Its service data has no API Gateway v2 resource
 * types (`/apis/...`), so those requests go to pbac (MIT); an explicit Deny is recognised by asking again without it.
 */
export async function decide(
  policy: object,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): Promise<Decision> {
  const document = policy as PolicyDocument;
  try {
    return await identityDecision(document, action, resource, context);
  } catch (error) {
    if (!(error instanceof SimulationRefusedError && action.startsWith("apigateway:"))) throw error;
    if (pbacAllows(document, action, resource, context)) return "Allowed";
    const allowsOnly = { ...document, Statement: document.Statement.filter((s) => s.Effect === "Allow") };
    return pbacAllows(allowsOnly, action, resource, context) ? "ExplicitlyDenied" : "ImplicitlyDenied";
  }
}

export interface DeclaredResource {
  type: string;
  name: string;
  physicalName: string | null;
}

/** What infra/index.ts declares under Pulumi mocks, from its own harness in a child process (one program per process). */
export function infraResources(): DeclaredResource[] {
  return dumpedResources("../../../../infra/test/harness/dump-resources.ts");
}

/** What packages/bot/deploy/index.ts declares under Pulumi mocks, from its own harness in a child process. */
export function botResources(): DeclaredResource[] {
  return dumpedResources("../../../bot/deploy/test/harness/dump-resources.ts");
}

function dumpedResources(relativeScript: string): DeclaredResource[] {
  const script = new URL(relativeScript, import.meta.url).pathname;
  const out = execFileSync(process.execPath, ["--import", "tsx", script], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return JSON.parse(out) as DeclaredResource[];
}
