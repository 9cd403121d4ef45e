import { createRequire } from "node:module";
import type { PolicyDocument } from "@stepcord/definitions";
import type { LocalIdentity } from "./local-account.js";

const require = createRequire(import.meta.url);
type PbacEngine = { evaluate(request: { action: string; resource: string }): boolean };
const PBAC = require("pbac") as new (policies: unknown[]) => PbacEngine;

/** pbac's schema wants arrays where IAM also accepts a single string. */
function normalise(policy: PolicyDocument): unknown {
  return {
    ...policy,
    Statement: policy.Statement.map((statement) => ({
      ...statement,
      Action: ([] as string[]).concat(statement.Action),
      Resource: ([] as string[]).concat(statement.Resource ?? []),
    })),
  };
}

/**
 * Evaluates an identity's policies the way IAM does for one action on one resource (explicit Deny wins, otherwise an
 * Allow is needed), with pbac (MIT). The policies are the ones the Pulumi program deploys, from the same builders.
 */
export class Authorizer {
  readonly #engines = new Map<string, PbacEngine>();

  allows(identity: LocalIdentity, action: string, resource: string): boolean {
    let engine = this.#engines.get(identity.arn);
    if (!engine) {
      engine = new PBAC(identity.policies.map(normalise));
      this.#engines.set(identity.arn, engine);
    }
    return engine.evaluate({ action, resource });
  }
}
