import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { loadBotSettings } from "../src/config.js";
import { RegionMismatchError, sharedRegion } from "../src/region-mismatch-error.js";
import { defineBotStack } from "../src/stack.js";

describe("sharedRegion", () => {
  it("returns the region both stacks share", () => {
    expect(
      sharedRegion({ botRegion: "eu-west-1", infraRegion: "eu-west-1", infraStack: "acme/stepcord/dev" }),
    ).to.equal("eu-west-1");
  });

  it("refuses two regions, naming both and the config that fixes it", () => {
    expect(() =>
      sharedRegion({ botRegion: "us-east-1", infraRegion: "eu-west-1", infraStack: "acme/stepcord/dev" }),
    )
      .to.throw(RegionMismatchError, "deploys to us-east-1 (aws:region)")
      .with.property("message")
      .that.includes("acme/stepcord/dev is in eu-west-1")
      .and.includes("pulumi config set aws:region eu-west-1");
  });
});

describe("the bot stack with an infra stack in another region", () => {
  const tokenArns: unknown[] = [];
  let failure: unknown;

  before(async () => {
    // A second program run in this process: Pulumi's runtime is global, so this one brings its own mocks.
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          if (args.type === "pulumi:pulumi:StackReference") {
            const outputs = {
              eventsEndpoint: "https://ev3nts1d.execute-api.eu-west-1.amazonaws.com/events",
              invokerPolicyArn: "arn:aws:iam::123456789012:policy/stepcord-bot-invoke-events",
              region: "eu-west-1",
            };
            return { id: String(args.inputs.name), state: { outputs, secretOutputNames: [] } };
          }
          if (args.type === "aws:iam/rolePolicy:RolePolicy" && args.name.endsWith("-execution-token"))
            tokenArns.push(args.inputs.policy);
          const state: Record<string, unknown> = { ...args.inputs, arn: `arn:aws:mock:::${args.name}` };
          if (args.type === "awsx:ec2:DefaultVpc") state.publicSubnetIds = ["subnet-a"];
          if (args.type === "awsx:ecs:FargateService") state.service = { name: "svc" };
          return { id: `${args.name}-id`, state };
        },
        call(args) {
          if (args.token === "aws:index/getCallerIdentity:getCallerIdentity")
            return { accountId: "123456789012" };
          if (args.token === "aws:index/getPartition:getPartition") return { partition: "aws" };
          if (args.token === "aws:ec2/getSubnet:getSubnet")
            return { id: args.inputs.id, availabilityZone: "us-east-1a" };
          throw new Error(`unmocked call ${args.token}`);
        },
      },
      "stepcord-bot",
      "dev",
      false,
      "acme",
    );
    const settings = loadBotSettings({ region: "us-east-1" }, { organization: "acme", stack: "dev" });
    const outputs = defineBotStack(settings);
    try {
      await (outputs.serviceName as unknown as { promise(): Promise<unknown> }).promise();
    } catch (error) {
      failure = error;
    }
    await new Promise((done) => setTimeout(done, 50));
  });

  it("fails the deployment with the RegionMismatchError", () => {
    expect(failure).to.be.instanceOf(RegionMismatchError);
  });

  it("never declares the execution role's policy on a token parameter in the other region", () => {
    expect(tokenArns).to.deep.equal([]);
  });
});
