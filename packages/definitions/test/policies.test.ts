import { expect } from "chai";
import {
  assumeRoleRequestContext,
  DEFAULT_STAGE,
  EVENTS_ROUTE,
  executeApiArn,
  findWildcardAllows,
  invokePolicy,
  policyDocument,
  SERVICE_ASSUME_ROLE,
  serviceTrustPolicy,
  startExecutionPolicy,
  WEBHOOK_ROUTE,
  workflowLogDeliveryPolicy,
} from "../src/index.js";
import { pbacAllows } from "./support/pbac.js";
import { ACCOUNT, assumeRoleDecision, identityDecision, trustDecision } from "./support/simulate.js";

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
  const scope = { partition: "aws", region: "eu-west-1", account: ACCOUNT };
  const machine = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:stepcord-notifier-state-machine-1a2b3c4`;

  describe("for API Gateway (an integration's credentials role)", () => {
    const trust = serviceTrustPolicy({ service: "apigateway.amazonaws.com", ...scope });

    it("lets API Gateway assume it with what API Gateway really sends: no aws:SourceAccount, no aws:SourceArn", async () => {
      expect(
        assumeRoleRequestContext("apigateway.amazonaws.com", { account: ACCOUNT, arn: "unused" }),
      ).to.deep.equal({});
      expect(
        await trustDecision(trust, "apigateway.amazonaws.com", { account: ACCOUNT, arn: "unused" }),
      ).to.equal("Allowed");
    });

    it("carries no condition on a key API Gateway never sends", () => {
      expect(trust.Statement.map((statement) => statement.Condition)).to.deep.equal([undefined]);
    });

    it("refuses other services", async () => {
      expect(
        await trustDecision(trust, "states.amazonaws.com", { account: ACCOUNT, arn: machine }),
      ).not.to.equal("Allowed");
    });
  });

  describe("for Step Functions (a state machine's role)", () => {
    const trust = serviceTrustPolicy({ service: "states.amazonaws.com", ...scope });

    it("lets a state machine of this account and region assume it, with both keys Step Functions sends", async () => {
      expect(
        assumeRoleRequestContext("states.amazonaws.com", { account: ACCOUNT, arn: machine }),
      ).to.deep.equal({
        "aws:SourceAccount": ACCOUNT,
        "aws:SourceArn": machine,
      });
      expect(await trustDecision(trust, "states.amazonaws.com", { account: ACCOUNT, arn: machine })).to.equal(
        "Allowed",
      );
    });

    it("refuses a state machine of another account (confused deputy)", async () => {
      const theirs = machine.replace(ACCOUNT, "999999999999");
      expect(
        await trustDecision(trust, "states.amazonaws.com", { account: "999999999999", arn: theirs }),
      ).not.to.equal("Allowed");
    });

    it("refuses a call that names this account but not one of its state machines", async () => {
      const elsewhere = machine.replace("eu-west-1", "us-east-1");
      expect(
        await trustDecision(trust, "states.amazonaws.com", { account: ACCOUNT, arn: elsewhere }),
      ).not.to.equal("Allowed");
      const activity = `arn:aws:states:eu-west-1:${ACCOUNT}:activity:stepcord`;
      expect(
        await trustDecision(trust, "states.amazonaws.com", { account: ACCOUNT, arn: activity }),
      ).not.to.equal("Allowed");
      expect(
        await assumeRoleDecision(trust, "states.amazonaws.com", { "aws:SourceAccount": ACCOUNT }),
      ).not.to.equal("Allowed");
    });

    it("refuses other services", async () => {
      expect(
        await trustDecision(trust, "apigateway.amazonaws.com", { account: ACCOUNT, arn: machine }),
      ).not.to.equal("Allowed");
    });

    it("needs the partition and region it pins aws:SourceArn to", () => {
      expect(() => serviceTrustPolicy({ service: "states.amazonaws.com", account: ACCOUNT })).to.throw(
        TypeError,
        "partition and region",
      );
    });
  });

  describe("for ECS tasks", () => {
    it("keeps requiring aws:SourceAccount, which ECS sends", () => {
      const trust = serviceTrustPolicy({ service: "ecs-tasks.amazonaws.com", account: ACCOUNT });
      expect(trust.Statement[0]?.Condition).to.deep.equal({ StringEquals: { "aws:SourceAccount": ACCOUNT } });
    });
  });

  it("cites a source for what every service sends", () => {
    for (const [service, facts] of Object.entries(SERVICE_ASSUME_ROLE)) {
      expect(facts.sources.length, service).to.be.greaterThan(0);
      if (facts.sends.includes("aws:SourceArn")) expect(facts.sourceArnIs, service).to.be.a("string");
    }
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
