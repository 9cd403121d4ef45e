import { readFileSync } from "node:fs";
import { expect } from "chai";
import { inputsDigest } from "./harness/inputs-digest.js";
import { type MockedProgram, runProgram } from "./harness/program.js";

/**
 * The upgrade of a stack deployed before issue 15: `golden/urns-before-settings.json` is the default program's
 * resources (URN and a digest of their inputs) at the commit before the settings resources, written by
 * harness/dump-urns.ts. The engine plans a delete for a URN only the old run had and asks the provider to diff a URN
 * in both; this test holds that adding the settings resources deletes (so replaces) nothing and changes the inputs of
 * exactly one existing resource: the bot's invoke policy, which gains the settings route. When an existing resource
 * changes on purpose later, this picture is out of date: delete this test once every deployed stack has the settings.
 */
const BEFORE = JSON.parse(
  readFileSync(new URL("./golden/urns-before-settings.json", import.meta.url), "utf8"),
) as { urn: string; inputs: string }[];

describe("adding the settings workflow to a deployed stack", () => {
  let program: MockedProgram;
  before(async () => {
    program = await runProgram();
  });

  it("keeps every existing resource's URN, so nothing is deleted or replaced", () => {
    const now = new Set(program.resources.map((r) => r.urn));
    expect(BEFORE.filter((r) => !now.has(r.urn)).map((r) => r.urn)).to.deep.equal([]);
  });

  it("changes the inputs of the bot's invoke policy only", () => {
    const now = new Map(program.resources.map((r) => [r.urn, inputsDigest(r.inputs)]));
    const changed = BEFORE.filter((r) => now.get(r.urn) !== r.inputs).map((r) => r.urn.split("::").at(-1));
    expect(changed).to.deep.equal(["stepcord-bot-invoke-events"]);
  });

  it("creates only the settings table, workflow and route with their roles and policies", () => {
    const before = new Set(BEFORE.map((r) => r.urn));
    const created = program.resources.filter((r) => !before.has(r.urn)).map((r) => `${r.type} ${r.name}`);
    expect(created.sort()).to.deep.equal(
      [
        "stepcord:settings:SettingsTable stepcord-settings",
        "aws:dynamodb/table:Table stepcord-settings-table",
        "stepcord:workflow:SettingsWorkflow stepcord-settings",
        "aws:cloudwatch/logGroup:LogGroup stepcord-settings-logs",
        "aws:iam/role:Role stepcord-settings-role",
        "aws:iam/rolePolicy:RolePolicy stepcord-settings-table",
        "aws:iam/rolePolicy:RolePolicy stepcord-settings-log-delivery",
        "aws:sfn/stateMachine:StateMachine stepcord-settings-state-machine",
        "aws:iam/role:Role stepcord-events-settings-role",
        "aws:iam/rolePolicy:RolePolicy stepcord-events-start-settings",
        "aws:apigatewayv2/integration:Integration stepcord-events-settings-integration",
        "aws:apigatewayv2/route:Route stepcord-events-settings-route",
        "aws:cloudwatch/metricAlarm:MetricAlarm stepcord-monitoring-settings-failed",
      ].sort(),
    );
  });
});
