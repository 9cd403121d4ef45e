import { createRequire } from "node:module";
import type { PolicyDocument } from "@stepcord/definitions";

const require = createRequire(import.meta.url);

/** The request pbac (MIT) evaluates: principal and context only matter to a trust policy. */
export interface PbacRequest {
  action: string;
  resource: string;
  principal?: Record<string, string[]>;
  context?: Record<string, Record<string, string>>;
}
export interface PbacEngine {
  evaluate(request: PbacRequest): boolean;
}
export const PBAC = require("pbac") as new (policies: unknown[]) => PbacEngine;

/**
 * A policy in the form pbac's schema wants: arrays where IAM also accepts a single string. The one difference
 * between the two kinds is a statement without `Resource`, which pbac reads as "any resource". In a trust policy
 * that is right (its resource is the role it is attached to); an identity policy's statement must name one (IAM
 * refuses a statement without Resource or NotResource), so there an absent Resource matches nothing.
 */
export function pbacPolicy(policy: PolicyDocument, kind: "identity" | "trust"): unknown {
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => ({
      ...statement,
      Action: ([] as string[]).concat(statement.Action),
      ...(statement.Resource === undefined && kind === "trust"
        ? {}
        : { Resource: ([] as string[]).concat(statement.Resource ?? []) }),
      ...(statement.Principal !== undefined && "Service" in statement.Principal
        ? { Principal: { Service: ([] as string[]).concat(statement.Principal.Service) } }
        : {}),
    })),
  };
}
