import { notifierDefinition } from "@stepcord/definitions";
import { aslValidatorProblems, languageServiceProblems } from "@stepcord/definitions/testing";
import { expect } from "chai";
import {
  MOCK_ACCOUNT,
  MOCK_REGION,
  MOCK_WEBHOOK_URL,
  type MockedProgram,
  runProgram,
} from "./harness/program.js";

const API = "aws:apigatewayv2/api:Api";
const ROUTE = "aws:apigatewayv2/route:Route";
const INTEGRATION = "aws:apigatewayv2/integration:Integration";
const STAGE = "aws:apigatewayv2/stage:Stage";

describe("the Pulumi program's APIs", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("declares two HTTP APIs whose every route requires AWS_IAM", () => {
    expect(program.ofType(API).map((api) => api.inputs.protocolType)).to.deep.equal(["HTTP", "HTTP"]);
    const routes = program.ofType(ROUTE);
    expect(routes.map((r) => r.inputs.routeKey).sort()).to.deep.equal([
      "POST /",
      "POST /events",
      "POST /settings",
    ]);
    for (const route of routes) expect(route.inputs.authorizationType, route.name).to.equal("AWS_IAM");
  });

  it("proxies POST / to the pasted Discord webhook on API v10 with ?wait=true and Discord's User-Agent", () => {
    const proxy = program.one(INTEGRATION, "-webhook-discord");
    expect(proxy.inputs).to.include({
      integrationType: "HTTP_PROXY",
      integrationMethod: "POST",
      payloadFormatVersion: "1.0",
    });
    // The stack holds the unversioned URL Discord hands out; unversioned is Discord's deprecated default, v6.
    expect(MOCK_WEBHOOK_URL).to.include("/api/webhooks/");
    expect(proxy.inputs.integrationUri).to.equal(
      `${MOCK_WEBHOOK_URL.replace("/api/webhooks/", "/api/v10/webhooks/")}?wait=true`,
    );
    expect(proxy.inputs.requestParameters).to.deep.equal({
      "overwrite:header.User-Agent": "DiscordBot (https://github.com/stepcord/stepcord, 0.1.0)",
      "overwrite:header.Content-Type": "application/json",
    });
  });

  it("runs the (EXPRESS) workflow synchronously from POST /events through a role, with the body as input", () => {
    const start = program.one(INTEGRATION, "-events-start-execution");
    expect(start.inputs).to.include({
      integrationType: "AWS_PROXY",
      integrationSubtype: "StepFunctions-StartSyncExecution",
      // HTTP APIs' maximum; the workflow stops itself after 25 s.
      timeoutMilliseconds: 30_000,
      payloadFormatVersion: "1.0",
      credentialsArn: `arn:aws:iam::${MOCK_ACCOUNT}:role/stepcord-events-start-role`,
    });
    expect(start.inputs.requestParameters).to.deep.equal({
      StateMachineArn: program.outputs.stateMachineArn,
      Input: "$request.body",
    });
  });

  it("gives each API an auto-deployed, throttled, access-logged $default stage", () => {
    const stages = program.ofType(STAGE);
    expect(stages).to.have.length(2);
    for (const stage of stages) {
      expect(stage.inputs).to.include({ name: "$default", autoDeploy: true });
      expect(stage.inputs.defaultRouteSettings).to.deep.include({
        throttlingRateLimit: 5,
        throttlingBurstLimit: 10,
      });
      const logs = stage.inputs.accessLogSettings as { destinationArn: string; format: string };
      expect(logs.destinationArn).to.match(/^arn:aws:logs:/);
      expect(JSON.parse(logs.format)).to.include({
        routeKey: "$context.routeKey",
        caller: "$context.identity.userArn",
      });
    }
  });

  it("deploys exactly the notifier ASL built for the webhook API's bare host", async () => {
    const machine = program.one("aws:sfn/stateMachine:StateMachine", "-notifier-state-machine");
    const definition = JSON.parse(machine.inputs.definition as string);
    const host = `${program.outputs.webhookApiId}.execute-api.${MOCK_REGION}.amazonaws.com`;
    const table = program.one("aws:dynamodb/table:Table", "-ledger-table");
    expect(definition).to.deep.equal(
      notifierDefinition({
        webhookApiHost: host,
        ledgerTableName: `${table.name}-1a2b3c4`,
        workflowType: "EXPRESS",
      }),
    );
    expect(aslValidatorProblems(definition)).to.deep.equal([]);
    expect(await languageServiceProblems(definition)).to.deep.equal([]);
  });

  it("runs Express by default and logs errors without execution data", () => {
    const machine = program.one("aws:sfn/stateMachine:StateMachine", "-notifier-state-machine");
    expect(machine.inputs.type).to.equal("EXPRESS");
    expect(machine.inputs.loggingConfiguration).to.deep.include({
      level: "ERROR",
      includeExecutionData: false,
    });
    expect((machine.inputs.loggingConfiguration as { logDestination: string }).logDestination).to.match(
      /^arn:aws:logs:.*:log-group:.*:\*$/,
    );
  });
});
