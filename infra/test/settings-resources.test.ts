import { type PolicyDocument, SETTINGS_TABLE_ACTIONS, settingsDefinition } from "@stepcord/definitions";
import {
  aslValidatorProblems,
  identityDecision,
  pbacAllows,
  trustDecision,
} from "@stepcord/definitions/testing";
import { expect } from "chai";
import { MOCK_ACCOUNT, MOCK_REGION, type MockedProgram, runProgram } from "./harness/program.js";

const TABLE = "aws:dynamodb/table:Table";
const MACHINE = "aws:sfn/stateMachine:StateMachine";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
const ROUTE = "aws:apigatewayv2/route:Route";
const policyOf = (program: MockedProgram, type: string, suffix: string) =>
  JSON.parse(program.one(type, suffix).inputs.policy as string) as PolicyDocument;
/** The mocks give a resource the physical name `<name>-1a2b3c4` (harness/program.ts). */
const tableArn = (name: string) => `arn:aws:dynamodb:${MOCK_REGION}:${MOCK_ACCOUNT}:table/${name}-1a2b3c4`;

describe("the settings resources (issue 15)", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("keep settings in their own on-demand table keyed by pk, with TTL on expiresAt and PITR on", () => {
    const table = program.one(TABLE, "-settings-table");
    expect(table.inputs).to.deep.include({ billingMode: "PAY_PER_REQUEST", hashKey: "pk" });
    expect(table.inputs.ttl).to.deep.equal({ attributeName: "expiresAt", enabled: true });
    expect(table.inputs.pointInTimeRecovery).to.deep.equal({ enabled: true });
  });

  it("encrypt the table at rest with DynamoDB's own key, not a KMS key the boundary would have to allow", () => {
    expect(program.one(TABLE, "-settings-table").inputs).not.to.have.property("serverSideEncryption");
  });

  it("deploy the settings ASL for that table as an EXPRESS machine logging errors without execution data", () => {
    const machine = program.one(MACHINE, "-settings-state-machine");
    const table = program.one(TABLE, "-settings-table");
    const definition = JSON.parse(machine.inputs.definition as string);
    expect(definition).to.deep.equal(settingsDefinition({ settingsTableName: `${table.name}-1a2b3c4` }));
    expect(aslValidatorProblems(definition)).to.deep.equal([]);
    expect(machine.inputs.type).to.equal("EXPRESS");
    expect(machine.inputs.loggingConfiguration).to.deep.include({
      level: "ERROR",
      includeExecutionData: false,
    });
  });

  it("let the settings role use its table's items and reach nothing of the ledger", async () => {
    const policy = policyOf(program, "aws:iam/rolePolicy:RolePolicy", "-settings-table");
    const settings = tableArn(program.one(TABLE, "-settings-table").name);
    const ledger = tableArn(program.one(TABLE, "-ledger-table").name);
    for (const action of SETTINGS_TABLE_ACTIONS) {
      expect(await identityDecision(policy, action, settings), action).to.equal("Allowed");
      expect(await identityDecision(policy, action, ledger), action).to.equal("ImplicitlyDenied");
    }
    expect(await identityDecision(policy, "dynamodb:DeleteItem", settings)).to.equal("ImplicitlyDenied");
  });

  it("give the notifier's role nothing of the settings table", async () => {
    const settings = tableArn(program.one(TABLE, "-settings-table").name);
    for (const suffix of ["-notifier-ledger", "-notifier-invoke-webhook", "-notifier-log-delivery"]) {
      const policy = policyOf(program, "aws:iam/rolePolicy:RolePolicy", suffix);
      for (const action of SETTINGS_TABLE_ACTIONS)
        expect(await identityDecision(policy, action, settings), `${suffix} ${action}`).to.equal(
          "ImplicitlyDenied",
        );
    }
  });

  it("trust only Step Functions of this account and region with the settings role", async () => {
    const trust = JSON.parse(
      program.one("aws:iam/role:Role", "stepcord-settings-role").inputs.assumeRolePolicy as string,
    ) as PolicyDocument;
    const machine = `arn:aws:states:${MOCK_REGION}:${MOCK_ACCOUNT}:stateMachine:stepcord-settings`;
    expect(
      await trustDecision(trust, "states.amazonaws.com", { account: MOCK_ACCOUNT, arn: machine }),
    ).to.equal("Allowed");
    expect(
      await trustDecision(trust, "states.amazonaws.com", {
        account: "210987654321",
        arn: "arn:aws:states:eu-west-1:210987654321:stateMachine:x",
      }),
    ).to.equal("ImplicitlyDenied");
  });

  it("route POST /settings (AWS_IAM) to its own StartSyncExecution integration of the settings machine", () => {
    const route = program.one(ROUTE, "-settings-route");
    expect(route.inputs).to.include({ routeKey: "POST /settings", authorizationType: "AWS_IAM" });
    const integration = program.one(INTEGRATION, "-settings-integration");
    expect(route.inputs.target).to.equal(`integrations/${integration.name}-id`);
    expect(integration.inputs).to.include({
      integrationType: "AWS_PROXY",
      integrationSubtype: "StepFunctions-StartSyncExecution",
    });
    const machineArn = program.outputs.settingsStateMachineArn as string;
    expect((integration.inputs.requestParameters as Record<string, string>).StateMachineArn).to.equal(
      machineArn,
    );
  });

  it("let the settings integration's role start the settings machine only", async () => {
    const policy = policyOf(program, "aws:iam/rolePolicy:RolePolicy", "-events-start-settings");
    const settings = program.outputs.settingsStateMachineArn as string;
    const notifier = program.outputs.stateMachineArn as string;
    expect(await identityDecision(policy, "states:StartSyncExecution", settings)).to.equal("Allowed");
    expect(await identityDecision(policy, "states:StartSyncExecution", notifier)).to.equal(
      "ImplicitlyDenied",
    );
    const integration = program.one(INTEGRATION, "-settings-integration");
    expect(integration.inputs.credentialsArn).to.not.equal(
      program.one(INTEGRATION, "-events-start-execution").inputs.credentialsArn,
    );
  });

  it("let the bot POST /events and POST /settings and nothing else on the events API", async () => {
    const policy = policyOf(program, "aws:iam/policy:Policy", "-bot-invoke-events");
    const api = program.outputs.eventsApiId as string;
    const arn = (route: string) =>
      `arn:aws:execute-api:${MOCK_REGION}:${MOCK_ACCOUNT}:${api}/$default/${route}`;
    for (const route of ["POST/events", "POST/settings"]) {
      expect(await identityDecision(policy, "execute-api:Invoke", arn(route)), route).to.equal("Allowed");
    }
    for (const route of ["GET/settings", "POST/settings/x", "DELETE/events"]) {
      expect(pbacAllows(policy, "execute-api:Invoke", arn(route)), route).to.equal(false);
    }
  });

  it("export the settings endpoint, machine and table, none of them secret", () => {
    expect(program.outputs.settingsEndpoint).to.match(
      /^https:\/\/[a-z0-9]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/settings$/,
    );
    expect(program.outputs.settingsTable).to.equal(`${program.one(TABLE, "-settings-table").name}-1a2b3c4`);
    for (const name of ["settingsEndpoint", "settingsStateMachineArn", "settingsTable"])
      expect(program.secretOutputs).not.to.include(name);
  });
});
