import { expect } from "chai";
import {
  DEFAULT_STAGE,
  EVENTS_ROUTE,
  executeApiArn,
  findWildcardAllows,
  invokerPolicy,
  LEDGER_ACTIONS,
  SETTINGS_ROUTE,
  SETTINGS_TABLE_ACTIONS,
  settingsTablePolicy,
  startSyncExecutionPolicy,
} from "../src/index.js";
import { pbacAllows } from "./support/pbac.js";
import { ACCOUNT, identityDecision } from "./support/simulate.js";

const settingsTable = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/stepcord-settings-1a2b3c`;
const ledgerTable = `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/stepcord-ledger-1a2b3c`;
const route = (r: { method: "POST"; path: string }) =>
  executeApiArn({
    partition: "aws",
    region: "eu-west-1",
    account: ACCOUNT,
    apiId: "ev3nts1d",
    stage: DEFAULT_STAGE,
    ...r,
  });
const settingsMachine = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:stepcord-settings`;
const notifierMachine = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:stepcord-notifier`;

describe("settingsTablePolicy (IAM simulator)", () => {
  const policy = settingsTablePolicy(settingsTable);

  it("allows GetItem, PutItem and UpdateItem on the settings table", async () => {
    for (const action of SETTINGS_TABLE_ACTIONS) {
      expect(await identityDecision(policy, action, settingsTable), action).to.equal("Allowed");
    }
  });

  it("reaches nothing of the delivery ledger", async () => {
    for (const action of LEDGER_ACTIONS) {
      expect(await identityDecision(policy, action, ledgerTable), action).to.equal("ImplicitlyDenied");
    }
  });

  it("denies deleting items, scanning, batch calls and dropping the table", async () => {
    for (const action of [
      "dynamodb:DeleteItem",
      "dynamodb:Scan",
      "dynamodb:BatchWriteItem",
      "dynamodb:DeleteTable",
    ]) {
      expect(await identityDecision(policy, action, settingsTable), action).to.equal("ImplicitlyDenied");
    }
  });

  it("has no wildcard and refuses a wildcard table ARN", () => {
    expect(findWildcardAllows(policy)).to.deep.equal([]);
    expect(() => settingsTablePolicy(`arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/*`)).to.throw(TypeError);
  });
});

describe("the settings route's integration role policy (IAM simulator)", () => {
  const policy = startSyncExecutionPolicy(settingsMachine);

  it("starts the settings workflow synchronously, and not the notifier", async () => {
    expect(await identityDecision(policy, "states:StartSyncExecution", settingsMachine)).to.equal("Allowed");
    expect(await identityDecision(policy, "states:StartSyncExecution", notifierMachine)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "states:StartExecution", settingsMachine)).to.equal(
      "ImplicitlyDenied",
    );
  });
});

describe("the bot's invoker policy with the settings route", () => {
  const policy = invokerPolicy({
    eventsRouteArn: route(EVENTS_ROUTE),
    settingsRouteArn: route(SETTINGS_ROUTE),
  });

  it("allows exactly POST /events and POST /settings, by both evaluators", async () => {
    for (const arn of [route(EVENTS_ROUTE), route(SETTINGS_ROUTE)]) {
      expect(await identityDecision(policy, "execute-api:Invoke", arn), arn).to.equal("Allowed");
      expect(pbacAllows(policy, "execute-api:Invoke", arn), arn).to.equal(true);
    }
  });

  it("denies GET /settings and any other path", async () => {
    for (const arn of [
      route({ method: "POST", path: "/settings/extra" }),
      executeApiArn({
        partition: "aws",
        region: "eu-west-1",
        account: ACCOUNT,
        apiId: "ev3nts1d",
        stage: DEFAULT_STAGE,
        method: "GET",
        path: "/settings",
      }),
    ]) {
      expect(await identityDecision(policy, "execute-api:Invoke", arn), arn).to.equal("ImplicitlyDenied");
    }
  });

  it("grants nothing of DynamoDB or Step Functions on an EXPRESS stack", async () => {
    expect(await identityDecision(policy, "dynamodb:GetItem", settingsTable)).to.equal("ImplicitlyDenied");
    expect(await identityDecision(policy, "states:StartSyncExecution", settingsMachine)).to.equal(
      "ImplicitlyDenied",
    );
  });
});
