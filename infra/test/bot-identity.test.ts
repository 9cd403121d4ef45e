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
});
