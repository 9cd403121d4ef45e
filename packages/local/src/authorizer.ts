import type { LocalIdentity } from "./local-account.js";
import { PBAC, type PbacEngine, pbacPolicy } from "./pbac-policy.js";

/**
 * Evaluates an identity's policies the way IAM does for one action on one resource (explicit Deny wins, otherwise an
 * Allow is needed), with pbac (MIT). The policies are the ones the Pulumi program deploys, from the same builders.
 */
export class Authorizer {
  readonly #engines = new Map<string, PbacEngine>();

  allows(identity: LocalIdentity, action: string, resource: string): boolean {
    let engine = this.#engines.get(identity.arn);
    if (!engine) {
      engine = new PBAC(identity.policies.map((policy) => pbacPolicy(policy, "identity")));
      this.#engines.set(identity.arn, engine);
    }
    return engine.evaluate({ action, resource });
  }
}
