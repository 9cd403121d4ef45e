import type { PolicyDocument } from "@stepcord/definitions";
import { identityDecision, pbacAllows, trustDecision } from "@stepcord/definitions/testing";
import { expect } from "chai";
import { MOCK_ACCOUNT, MOCK_BOUNDARY_ARN, type MockedProgram, runProgram } from "./harness/program.js";

const arn = (apiId: string, route: string) =>
  `arn:aws:execute-api:eu-west-1:${MOCK_ACCOUNT}:${apiId}/$default/${route}`;
const policyOf = (program: MockedProgram, type: string, suffix: string) =>
  JSON.parse(program.one(type, suffix).inputs.policy as string) as PolicyDocument;
const trustOf = (program: MockedProgram, suffix: string) =>
  JSON.parse(program.one("aws:iam/role:Role", suffix).inputs.assumeRolePolicy as string) as PolicyDocument;

describe("the deployed IAM policies, evaluated", () => {
  let program: MockedProgram;
  let webhookApi: string;
  let eventsApi: string;
  before(async () => {
    program = await runProgram();
    webhookApi = program.outputs.webhookApiId as string;
    eventsApi = program.outputs.eventsApiId as string;
  });

  it("puts the configured permissions boundary on every role and user it creates", () => {
    const principals = [...program.ofType("aws:iam/role:Role"), ...program.ofType("aws:iam/user:User")];
    expect(principals.length).to.be.greaterThan(2);
    for (const principal of principals)
      expect(principal.inputs.permissionsBoundary, principal.name).to.equal(MOCK_BOUNDARY_ARN);
  });

  it("lets the state machine role POST / on the webhook API and nothing next to it", async () => {
    const policy = policyOf(program, "aws:iam/rolePolicy:RolePolicy", "-notifier-invoke-webhook");
    expect(pbacAllows(policy, "execute-api:Invoke", arn(webhookApi, "POST/"))).to.equal(true);
    expect(pbacAllows(policy, "execute-api:Invoke", arn(webhookApi, "GET/"))).to.equal(false);
    expect(pbacAllows(policy, "execute-api:Invoke", arn(eventsApi, "POST/events"))).to.equal(false);
    expect(await identityDecision(policy, "execute-api:Invoke", arn(eventsApi, "POST/events"))).to.equal(
      "ImplicitlyDenied",
    );
  });

  it("lets the bot POST /events and denies it the webhook API", async () => {
    const policy = policyOf(program, "aws:iam/policy:Policy", "-bot-invoke-events");
    expect(await identityDecision(policy, "execute-api:Invoke", arn(eventsApi, "POST/events"))).to.equal(
      "Allowed",
    );
    expect(await identityDecision(policy, "execute-api:Invoke", arn(eventsApi, "GET/events"))).to.equal(
      "ImplicitlyDenied",
    );
    expect(pbacAllows(policy, "execute-api:Invoke", arn(webhookApi, "POST/"))).to.equal(false);
  });

  it("lets the events API's role run this (EXPRESS) state machine synchronously, and only that", async () => {
    const policy = policyOf(program, "aws:iam/rolePolicy:RolePolicy", "-events-start-workflow");
    const machine = program.outputs.stateMachineArn as string;
    expect(await identityDecision(policy, "states:StartSyncExecution", machine)).to.equal("Allowed");
    expect(await identityDecision(policy, "states:StartSyncExecution", `${machine}x`)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "states:StartExecution", machine)).to.equal("ImplicitlyDenied");
  });

  it("lets the state machine role read and write items of its ledger table, and nothing else in DynamoDB", async () => {
    const policy = policyOf(program, "aws:iam/rolePolicy:RolePolicy", "-notifier-ledger");
    const table = program.one("aws:dynamodb/table:Table", "-ledger-table");
    const tableArn = `arn:aws:dynamodb:eu-west-1:${MOCK_ACCOUNT}:table/${table.name}-1a2b3c4`;
    for (const action of [
      "dynamodb:PutItem",
      "dynamodb:GetItem",
      "dynamodb:UpdateItem",
      "dynamodb:DeleteItem",
    ]) {
      expect(await identityDecision(policy, action, tableArn), action).to.equal("Allowed");
    }
    for (const action of [
      "dynamodb:Scan",
      "dynamodb:Query",
      "dynamodb:DeleteTable",
      "dynamodb:BatchWriteItem",
    ]) {
      expect(await identityDecision(policy, action, tableArn), action).to.equal("ImplicitlyDenied");
    }
    expect(
      await identityDecision(
        policy,
        "dynamodb:PutItem",
        `arn:aws:dynamodb:eu-west-1:${MOCK_ACCOUNT}:table/other`,
      ),
    ).to.equal("ImplicitlyDenied");
  });

  it("lets API Gateway assume the events API's role with what it really sends, no source keys", async () => {
    const trust = trustOf(program, "-events-start-role");
    const source = { account: MOCK_ACCOUNT, arn: `arn:aws:apigateway:eu-west-1::/apis/${eventsApi}` };
    expect(await trustDecision(trust, "apigateway.amazonaws.com", source)).to.equal("Allowed");
    expect(await trustDecision(trust, "states.amazonaws.com", source)).not.to.equal("Allowed");
  });

  it("lets only this account's state machines in this region assume the notifier role", async () => {
    const trust = trustOf(program, "-notifier-role");
    const machine = program.outputs.stateMachineArn as string;
    const ours = { account: MOCK_ACCOUNT, arn: machine };
    expect(await trustDecision(trust, "states.amazonaws.com", ours)).to.equal("Allowed");
    const theirs = { account: "999999999999", arn: machine.replace(MOCK_ACCOUNT, "999999999999") };
    expect(await trustDecision(trust, "states.amazonaws.com", theirs)).not.to.equal("Allowed");
    const otherRegion = { account: MOCK_ACCOUNT, arn: machine.replace(":eu-west-1:", ":us-east-1:") };
    expect(await trustDecision(trust, "states.amazonaws.com", otherRegion)).not.to.equal("Allowed");
    expect(await trustDecision(trust, "apigateway.amazonaws.com", ours)).not.to.equal("Allowed");
  });

  it("gives the bot user nothing but the invoke policy", () => {
    const attachments = program.ofType("aws:iam/userPolicyAttachment:UserPolicyAttachment");
    expect(attachments.map((a) => a.inputs.policyArn)).to.deep.equal([program.outputs.invokerPolicyArn]);
    expect(program.ofType("aws:iam/userPolicy:UserPolicy")).to.deep.equal([]);
  });
});
