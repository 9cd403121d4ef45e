import type * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { BotIdentity } from "../src/index.js";
import { type MockedProgram, runProgram } from "./harness/program.js";

const routeArn = "arn:aws:execute-api:eu-west-1:123456789012:ev3nts1d/$default/POST/events";
const settled = (output: pulumi.Output<unknown>) =>
  (output as unknown as { promise(): Promise<unknown> }).promise();
/** Children register asynchronously; wait until `count` resources carry the prefix. */
async function declared(program: MockedProgram, prefix: string, count: number) {
  for (let tries = 0; tries < 100; tries += 1) {
    const mine = program.recorded().filter((r) => r.name.startsWith(prefix));
    if (mine.length >= count) return mine;
    await new Promise((done) => setTimeout(done, 10));
  }
  return program.recorded().filter((r) => r.name.startsWith(prefix));
}

describe("BotIdentity", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("attaches the policy to existing users and roles in attach mode, and creates no key", async () => {
    const identity = new BotIdentity("stepcord-attachbot", {
      eventsRouteArn: routeArn,
      mode: "attach",
      attachToUsers: ["ops-user"],
      attachToRoles: ["ecs-bot-task"],
    });
    expect(await settled(identity.accessKeyId)).to.equal(undefined);
    const mine = await declared(program, "stepcord-attachbot-", 3);
    expect(mine.map((r) => r.type).sort()).to.deep.equal([
      "aws:iam/policy:Policy",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    ]);
    const role = mine.find((r) => r.type.includes("rolePolicyAttachment"));
    expect(role?.inputs).to.include({ role: "ecs-bot-task" });
  });

  it("only creates the policy in none mode", async () => {
    const identity = new BotIdentity("stepcord-nonebot", {
      eventsRouteArn: routeArn,
      mode: "none",
      attachToUsers: [],
      attachToRoles: [],
    });
    await settled(identity.policyArn);
    const mine = await declared(program, "stepcord-nonebot-", 1);
    expect(mine.map((r) => r.type)).to.deep.equal(["aws:iam/policy:Policy"]);
  });

  it("lets a STANDARD stack's bot describe its workflow's executions, and an EXPRESS stack's bot not", async () => {
    const stateMachineArn = "arn:aws:states:eu-west-1:123456789012:stateMachine:stepcord-notifier-1a2b";
    const standard = new BotIdentity("stepcord-standardbot", {
      eventsRouteArn: routeArn,
      stateMachineArn,
      mode: "none",
      attachToUsers: [],
      attachToRoles: [],
    });
    const express = new BotIdentity("stepcord-expressbot", {
      eventsRouteArn: routeArn,
      mode: "none",
      attachToUsers: [],
      attachToRoles: [],
    });
    await Promise.all([settled(standard.policyArn), settled(express.policyArn)]);
    const policyOf = async (prefix: string) => {
      const [policy] = await declared(program, prefix, 1);
      return JSON.parse(String(policy?.inputs.policy)) as {
        Statement: { Action: string; Resource: unknown }[];
      };
    };
    expect((await policyOf("stepcord-standardbot-")).Statement).to.deep.include({
      Sid: "DescribeWorkflowExecutions",
      Effect: "Allow",
      Action: "states:DescribeExecution",
      Resource: "arn:aws:states:eu-west-1:123456789012:execution:stepcord-notifier-1a2b:*",
    });
    const expressActions = (await policyOf("stepcord-expressbot-")).Statement.map((s) => s.Action);
    expect(expressActions).to.deep.equal(["execute-api:Invoke"]);
  });
});
