import { createRequire } from "node:module";
import type { PolicyDocument } from "../../src/index.js";

const require = createRequire(import.meta.url);
type Pbac = { evaluate(request: { action: string; resource: string; context?: unknown }): boolean };
const PBAC = require("pbac") as new (policies: unknown[], options?: { validateSchema?: boolean }) => Pbac;

/**
 * pbac (MIT) evaluates Allow/Deny with IAM's wildcard matching. It is the second evaluator here because
 * iam-simulate's resource-type data cannot express the root route ARN `.../$default/POST/` (it demands a
 * non-empty path after the method), which is exactly the ARN AWS checks for `POST /`.
 */
export function pbacAllows(
  policy: PolicyDocument,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
): boolean {
  // pbac's schema wants arrays where IAM also accepts a single string.
  const normalised = {
    ...policy,
    Statement: policy.Statement.map((statement) => ({
      ...statement,
      Action: ([] as string[]).concat(statement.Action),
      Resource: ([] as string[]).concat(statement.Resource ?? []),
    })),
  };
  return new PBAC([normalised]).evaluate({ action, resource, context });
}
