import { expect } from "chai";
import {
  DEFAULT_STAGE,
  EVENTS_ROUTE,
  executeApiArn,
  findWildcardAllows,
  invokePolicy,
  policyDocument,
  serviceTrustPolicy,
  startExecutionPolicy,
  WEBHOOK_ROUTE,
  workflowLogDeliveryPolicy,
} from "../src/index.js";
import { pbacAllows } from "./support/pbac.js";
import { ACCOUNT, identityDecision, trustDecision } from "./support/simulate.js";

const base = { partition: "aws", region: "eu-west-1", account: ACCOUNT, stage: DEFAULT_STAGE } as const;
const webhookApi = { ...base, apiId: "w3bh00k1d" };
const eventsApi = { ...base, apiId: "ev3nts1d" };
const webhookPost = executeApiArn({ ...webhookApi, ...WEBHOOK_ROUTE });
const webhookGet = executeApiArn({ ...webhookApi, method: "GET", path: "/" });
const webhookOtherPath = executeApiArn({ ...webhookApi, method: "POST", path: "/admin" });
const eventsPost = executeApiArn({ ...eventsApi, ...EVENTS_ROUTE });
const eventsGet = executeApiArn({ ...eventsApi, method: "GET", path: "/events" });
const eventsOtherStage = executeApiArn({ ...eventsApi, ...EVENTS_ROUTE, stage: "prod" });
const stateMachine = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:stepcord-notifier`;

describe("the state machine role's invoke policy", () => {
  const policy = invokePolicy([webhookPost]);

  it("allows POST / on the webhook API's $default stage", () => {
    expect(webhookPost).to.equal(`arn:aws:execute-api:eu-west-1:${ACCOUNT}:w3bh00k1d/$default/POST/`);
    expect(pbacAllows(policy, "execute-api:Invoke", webhookPost)).to.equal(true);
  });

  it("denies GET /, other paths and the events API", async () => {
    expect(pbacAllows(policy, "execute-api:Invoke", webhookGet)).to.equal(false);
    expect(pbacAllows(policy, "execute-api:Invoke", webhookOtherPath)).to.equal(false);
    expect(pbacAllows(policy, "execute-api:Invoke", eventsPost)).to.equal(false);
    expect(await identityDecision(policy, "execute-api:Invoke", webhookOtherPath)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "execute-api:Invoke", eventsPost)).to.equal("ImplicitlyDenied");
  });

  it("grants nothing beyond execute-api:Invoke", async () => {
    expect(await identityDecision(policy, "execute-api:InvalidateCache", webhookOtherPath)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "states:StartExecution", stateMachine)).to.equal(
      "ImplicitlyDenied",
    );
  });
});

describe("the bot's invoke policy", () => {
  const policy = invokePolicy([eventsPost]);

  it("allows POST /events on the events API, by both evaluators", async () => {
    expect(await identityDecision(policy, "execute-api:Invoke", eventsPost)).to.equal("Allowed");
    expect(pbacAllows(policy, "execute-api:Invoke", eventsPost)).to.equal(true);
  });

  it("denies the webhook API, other methods and other stages", async () => {
    expect(pbacAllows(policy, "execute-api:Invoke", webhookPost)).to.equal(false);
    expect(await identityDecision(policy, "execute-api:Invoke", eventsGet)).to.equal("ImplicitlyDenied");
    expect(await identityDecision(policy, "execute-api:Invoke", eventsOtherStage)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "execute-api:Invoke", webhookOtherPath)).to.equal(
      "ImplicitlyDenied",
    );
  });
});

describe("a policy built the AWS CDK way (aws/aws-cdk#17464)", () => {
  const cdkWay = invokePolicy([`arn:aws:execute-api:eu-west-1:${ACCOUNT}:w3bh00k1d/undefined/POSTundefined`]);

  it("denies the very route it was meant to allow, which is why executeApiArn refuses to build it", () => {
    expect(pbacAllows(cdkWay, "execute-api:Invoke", webhookPost)).to.equal(false);
  });
});

describe("the events API's start-execution policy", () => {
  const policy = startExecutionPolicy(stateMachine);

  it("allows starting this state machine only", async () => {
    expect(await identityDecision(policy, "states:StartExecution", stateMachine)).to.equal("Allowed");
    expect(await identityDecision(policy, "states:StartExecution", `${stateMachine}-other`)).to.equal(
      "ImplicitlyDenied",
    );
  });

  it("denies stopping executions or invoking APIs", async () => {
    const execution = `arn:aws:states:eu-west-1:${ACCOUNT}:execution:stepcord-notifier:run-1`;
    expect(await identityDecision(policy, "states:StopExecution", execution)).to.equal("ImplicitlyDenied");
    expect(await identityDecision(policy, "execute-api:Invoke", eventsPost)).to.equal("ImplicitlyDenied");
  });
});

describe("workflowLogDeliveryPolicy", () => {
  const policy = workflowLogDeliveryPolicy();
  const logGroup = `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:/aws/vendedlogs/states/stepcord:*`;

  it("lets the workflow set up its log delivery, which AWS only grants on Resource *", async () => {
    for (const action of ["logs:CreateLogDelivery", "logs:PutResourcePolicy", "logs:DescribeLogGroups"]) {
      expect(await identityDecision(policy, action, "*"), action).to.equal("Allowed");
    }
  });

  it("grants neither writing, reading nor deleting log data", async () => {
    for (const action of [
      "logs:PutLogEvents",
      "logs:GetLogEvents",
      "logs:DeleteLogGroup",
      "logs:CreateLogGroup",
    ]) {
      expect(await identityDecision(policy, action, logGroup), action).to.equal("ImplicitlyDenied");
    }
  });
});

describe("serviceTrustPolicy", () => {
  const trust = serviceTrustPolicy({ service: "states.amazonaws.com", account: ACCOUNT });

  it("lets the service assume the role for this account", async () => {
    expect(await trustDecision(trust, "states.amazonaws.com", ACCOUNT)).to.equal("Allowed");
  });

  it("refuses the same service acting for another account (confused deputy)", async () => {
    expect(await trustDecision(trust, "states.amazonaws.com", "999999999999")).not.to.equal("Allowed");
  });

  it("refuses other services", async () => {
    expect(await trustDecision(trust, "apigateway.amazonaws.com", ACCOUNT)).not.to.equal("Allowed");
  });
});

describe("findWildcardAllows", () => {
  it("accepts the documented log-delivery exception and the scoped policies", () => {
    for (const policy of [
      workflowLogDeliveryPolicy(),
      invokePolicy([webhookPost]),
      startExecutionPolicy(stateMachine),
    ]) {
      expect(findWildcardAllows(policy)).to.deep.equal([]);
    }
  });

  it("flags Action wildcards and Resource * on actions that support resource-level permissions", () => {
    const broad = policyDocument(
      { Effect: "Allow", Action: "execute-api:*", Resource: webhookPost },
      { Effect: "Allow", Action: "execute-api:Invoke", Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*" },
    );
    expect(findWildcardAllows(broad).map((f) => f.statementIndex)).to.deep.equal([0, 1]);
  });
});
