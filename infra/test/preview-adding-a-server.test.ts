import { expect } from "chai";
import {
  DEFAULT_SECRET_KEYS,
  DEFAULT_TEST_CONFIG,
  type ProgramView,
  type RecordedResource,
} from "./harness/program.js";
import { runProgramInChild } from "./harness/program-in-child.js";
import { GUILD_A, GUILD_B, serversConfig, TWO_SERVERS } from "./harness/servers-fixtures.js";

/**
 * What `pulumi preview` would plan when a pull request adds a server, from the registrations of two mocked runs
 * (before and after): the engine plans a create for a URN only the new run registers, a delete for one only the old
 * run had, and for a URN in both asks the provider to diff the old and new inputs.
 *
 * What a real preview shows on top of this: the stack's `servers` output changing; `~ update` on the changed inputs
 * (the provider's Diff, not a deep-equal of inputs, decides, so a provider default or a normalised JSON document can
 * make it quieter than this test); and whether an update replaces, which pulumi-aws takes from the Terraform
 * provider's ForceNew flags (hashicorp/terraform-provider-aws internal/service/apigatewayv2/route.go: only `api_id`;
 * integration.go: `api_id`, `integration_type`, `integration_subtype`). This test holds that none of those, and no
 * input at all of an existing route or integration, changes, so nothing can be replaced.
 */
function byUrn(program: ProgramView): Map<string, RecordedResource> {
  return new Map(program.resources.map((r) => [r.urn, r]));
}

function run(servers: Record<string, unknown>): ProgramView {
  const config = serversConfig(servers);
  return runProgramInChild({ ...DEFAULT_TEST_CONFIG, ...config.config }, [
    ...DEFAULT_SECRET_KEYS,
    ...config.secretKeys,
  ]);
}

describe("the plan of a pull request that adds a server", () => {
  let old: Map<string, RecordedResource>;
  let next: Map<string, RecordedResource>;
  before(function () {
    this.timeout(90_000);
    old = byUrn(run({ [GUILD_A]: TWO_SERVERS[GUILD_A] }));
    next = byUrn(run(TWO_SERVERS));
  });

  it("creates exactly one route and one integration, for the new server", () => {
    const created = [...next.values()].filter((r) => !old.has(r.urn)).map((r) => `${r.type} ${r.name}`);
    expect(created.sort()).to.deep.equal([
      `aws:apigatewayv2/integration:Integration stepcord-webhook-discord-g${GUILD_B}`,
      `aws:apigatewayv2/route:Route stepcord-webhook-route-g${GUILD_B}`,
    ]);
  });

  it("deletes, and so replaces, nothing", () => {
    const deleted = [...old.values()].filter((r) => !next.has(r.urn)).map((r) => r.name);
    expect(deleted).to.deep.equal([]);
  });

  it("changes only the role's invoke grant (one more route ARN) and at most the state machine's definition", () => {
    const changed: string[] = [];
    for (const [urn, was] of old) {
      const now = next.get(urn) as RecordedResource;
      expect(now.type, was.name).to.equal(was.type);
      for (const key of new Set([...Object.keys(was.inputs), ...Object.keys(now.inputs)])) {
        if (JSON.stringify(was.inputs[key]) !== JSON.stringify(now.inputs[key]))
          changed.push(`${was.name}.${key}`);
      }
    }
    // The workflow's definition changes too once it routes by guild (it then names the new route); nothing else may.
    const allowed = ["stepcord-notifier-invoke-webhook.policy", "stepcord-notifier-state-machine.definition"];
    expect(changed.filter((c) => !allowed.includes(c))).to.deep.equal([]);
    expect(changed).to.include("stepcord-notifier-invoke-webhook.policy");
    const grant = (plan: Map<string, RecordedResource>) =>
      JSON.parse(
        [...plan.values()].find((r) => r.name === "stepcord-notifier-invoke-webhook")?.inputs
          .policy as string,
      ).Statement[0].Resource as string[];
    const added = grant(next).filter((arn) => !grant(old).includes(arn));
    expect(added).to.deep.equal([
      `arn:aws:execute-api:eu-west-1:123456789012:w3bh00k1d/$default/POST/destinations/g${GUILD_B}`,
    ]);
    expect(grant(old).every((arn) => grant(next).includes(arn))).to.equal(true);
  });
});
