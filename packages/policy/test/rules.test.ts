import type { ResourceValidationPolicy } from "@pulumi/policy";
import { type RecordedResource, runProgram } from "@stepcord/infra/testing";
import { expect } from "chai";
import { STEPCORD_POLICIES } from "../src/index.js";

/** Runs every policy of the pack over one resource, as the Pulumi engine would, and returns the violations. */
async function violations(resource: Pick<RecordedResource, "type" | "inputs" | "name">): Promise<string[]> {
  const found: string[] = [];
  for (const policy of STEPCORD_POLICIES as ResourceValidationPolicy[]) {
    const validations = ([] as unknown[]).concat(policy.validateResource ?? []) as ((
      ...a: unknown[]
    ) => void)[];
    for (const validate of validations) {
      await validate(
        {
          type: resource.type,
          props: resource.inputs,
          urn: `urn:pulumi:test::stepcord::${resource.type}::${resource.name}`,
          name: resource.name,
        },
        (message: string) => found.push(`${policy.name}: ${message}`),
      );
    }
  }
  return found;
}

const program = () => runProgram();
const find = async (type: string) => {
  const resource = (await program()).resources.find((r) => r.type === type);
  if (!resource) throw new Error(`the program declares no ${type}`);
  return structuredClone(resource);
};

describe("the stepcord policy pack", () => {
  it("finds nothing wrong with the program as it is", async () => {
    const all = (await program()).resources.filter((r) => r.type.startsWith("aws:"));
    for (const resource of all) expect(await violations(resource), resource.name).to.deep.equal([]);
  });

  it("refuses a route without AWS_IAM", async () => {
    const route = await find("aws:apigatewayv2/route:Route");
    route.inputs.authorizationType = "NONE";
    expect(await violations(route))
      .to.have.length(1)
      .and.satisfy((v: string[]) => v[0]?.startsWith("routes-use-aws-iam"));
  });

  it("refuses a policy that allows execute-api:Invoke on *", async () => {
    const rolePolicy = await find("aws:iam/rolePolicy:RolePolicy");
    rolePolicy.inputs.policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: "*" }],
    });
    expect((await violations(rolePolicy)).join()).to.include("no-wildcard-allow");
  });

  /** The role policy resource with one statement allowing execute-api:Invoke on `resource`. */
  async function invokePolicyOn(resource: string) {
    const rolePolicy = await find("aws:iam/rolePolicy:RolePolicy");
    rolePolicy.inputs.policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "execute-api:Invoke", Resource: resource }],
    });
    return rolePolicy;
  }

  it("refuses the CDK-style .../undefined/POSTundefined ARN", async () => {
    const rolePolicy = await invokePolicyOn(
      "arn:aws:execute-api:eu-west-1:123456789012:abc/undefined/POSTundefined",
    );
    expect((await violations(rolePolicy)).join()).to.include("no-undefined-in-inputs");
  });

  it("refuses an ARN where undefined is glued to the method and nowhere else", async () => {
    const rolePolicy = await invokePolicyOn(
      "arn:aws:execute-api:eu-west-1:123456789012:abc/$default/POSTundefined",
    );
    expect((await violations(rolePolicy)).join()).to.include("no-undefined-in-inputs");
  });

  it("refuses the webhook URL anywhere but the proxy integration", async () => {
    const machine = await find("aws:sfn/stateMachine:StateMachine");
    machine.inputs.definition = JSON.stringify({ url: "https://discord.com/api/webhooks/1/abc" });
    expect((await violations(machine)).join()).to.include("webhook-url-only-in-proxy");
  });

  it("refuses an unthrottled, unlogged stage", async () => {
    const stage = await find("aws:apigatewayv2/stage:Stage");
    delete stage.inputs.defaultRouteSettings;
    delete stage.inputs.accessLogSettings;
    expect(await violations(stage)).to.have.length(2);
  });

  it("refuses a state machine that logs nothing and warns when it logs execution data", async () => {
    const machine = await find("aws:sfn/stateMachine:StateMachine");
    machine.inputs.loggingConfiguration = { level: "OFF", includeExecutionData: true };
    const found = (await violations(machine)).map((v) => v.split(":")[0]);
    expect(found).to.deep.equal(["state-machine-logs-errors", "state-machine-logs-no-execution-data"]);
  });
});
