// The pack as `pulumi preview --policy-pack packages/policy` runs it: started by the nodejs language host's
// RunPlugin (see test/support/language-host.ts for the command line and its sources), then driven over gRPC.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { STEPCORD_POLICIES } from "../src/index.js";
import { EngineSide } from "./support/analyzer-client.js";
import {
  cliEnvironment,
  launchPolicyPack,
  policyPackCommand,
  type RunningPolicyPack,
  runtimeOptions,
  type StackConfiguration,
} from "./support/language-host.js";

const PACK_DIRECTORY = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STACK: StackConfiguration = {
  organization: "organization",
  project: "stepcord",
  stack: "dev",
  dryRun: true,
  config: { "aws:region": "us-east-1" },
};
// The pack never dials the engine: run-policy-pack shifts the address off argv and @pulumi/policy only serves.
const ENGINE_ADDRESS = "127.0.0.1:0";
const ROUTE_ARN = "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/$default/POST/events";

function rolePolicy(resource: string) {
  return {
    type: "aws:iam/rolePolicy:RolePolicy",
    name: "notifier-invoke",
    inputs: {
      role: "notifier-role",
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: resource }],
      }),
    },
  };
}

describe("the policy pack launched as the Pulumi CLI launches it", function () {
  // Starting node, tsx and the Pulumi SDK on a shared machine is slow; this only bounds a hang.
  this.timeout(120_000);
  let pack: RunningPolicyPack | undefined;
  let engine: EngineSide | undefined;
  let policies: Map<string, string>;

  before(async () => {
    const command = policyPackCommand({
      packDirectory: PACK_DIRECTORY,
      options: runtimeOptions(PACK_DIRECTORY),
      engineAddress: ENGINE_ADDRESS,
      stack: STACK,
      baseEnv: cliEnvironment(),
    });
    pack = launchPolicyPack(command);
    engine = new EngineSide(await pack.port);
    await engine.configureStack(STACK);
    ({ policies } = await engine.info());
    await engine.configureDefaults(policies);
  });

  after(async () => {
    engine?.close();
    await pack?.stop();
  });

  it("serves every stepcord policy at its declared enforcement level", () => {
    const declared = new Map(STEPCORD_POLICIES.map((p) => [p.name, p.enforcementLevel]));
    expect(policies).to.deep.equal(declared);
  });

  it("reports a mandatory no-wildcard-allow violation for a role policy that invokes Resource *", async () => {
    const diagnostics = await engine?.analyze(rolePolicy("*"));
    expect(diagnostics?.map((d) => [d.policyName, d.enforcementLevel])).to.deep.equal([
      ["no-wildcard-allow", "mandatory"],
    ]);
  });

  it("reports nothing for a role policy that invokes the exact route ARN", async () => {
    expect(await engine?.analyze(rolePolicy(ROUTE_ARN))).to.deep.equal([]);
  });
});
