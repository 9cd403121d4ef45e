import { expect } from "chai";
import {
  DEFAULT_STAGE,
  EVENTS_ROUTE,
  executeApiArn,
  executionsArnPattern,
  findWildcardAllows,
  invokerPolicy,
} from "../src/index.js";
import { pbacAllows } from "./support/pbac.js";
import { ACCOUNT, identityDecision } from "./support/simulate.js";

const eventsRouteArn = executeApiArn({
  partition: "aws",
  region: "eu-west-1",
  account: ACCOUNT,
  apiId: "ev3nts1d",
  stage: DEFAULT_STAGE,
  ...EVENTS_ROUTE,
});
const stateMachineArn = `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:stepcord-notifier`;
const execution = `arn:aws:states:eu-west-1:${ACCOUNT}:execution:stepcord-notifier:5f0c2b1e`;
const otherMachinesExecution = `arn:aws:states:eu-west-1:${ACCOUNT}:execution:stepcord-notifier-2:5f0c2b1e`;

describe("the bot's invoker policy on a STANDARD stack", () => {
  const policy = invokerPolicy({ eventsRouteArn, stateMachineArn });

  it("allows DescribeExecution on this state machine's executions, by both evaluators", async () => {
    expect(await identityDecision(policy, "states:DescribeExecution", execution)).to.equal("Allowed");
    expect(pbacAllows(policy, "states:DescribeExecution", execution)).to.equal(true);
    expect(await identityDecision(policy, "execute-api:Invoke", eventsRouteArn)).to.equal("Allowed");
  });

  it("denies another state machine's executions, whose name only starts the same", async () => {
    expect(await identityDecision(policy, "states:DescribeExecution", otherMachinesExecution)).to.equal(
      "ImplicitlyDenied",
    );
  });

  it("grants no other Step Functions action: not the history, not stopping or starting", async () => {
    expect(await identityDecision(policy, "states:GetExecutionHistory", execution)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "states:StopExecution", execution)).to.equal("ImplicitlyDenied");
    expect(await identityDecision(policy, "states:StartExecution", stateMachineArn)).to.equal(
      "ImplicitlyDenied",
    );
    expect(await identityDecision(policy, "states:DescribeStateMachine", stateMachineArn)).to.equal(
      "ImplicitlyDenied",
    );
    expect(findWildcardAllows(policy)).to.deep.equal([]);
  });
});

describe("the bot's invoker policy on an EXPRESS stack", () => {
  it("allows POST /events and nothing of Step Functions: the sync answer carries the outcome", async () => {
    const policy = invokerPolicy({ eventsRouteArn });
    expect(await identityDecision(policy, "execute-api:Invoke", eventsRouteArn)).to.equal("Allowed");
    expect(await identityDecision(policy, "states:DescribeExecution", execution)).to.equal(
      "ImplicitlyDenied",
    );
  });
});

describe("executionsArnPattern", () => {
  it("turns a state machine ARN into its executions' pattern", () => {
    expect(executionsArnPattern(stateMachineArn)).to.equal(
      `arn:aws:states:eu-west-1:${ACCOUNT}:execution:stepcord-notifier:*`,
    );
  });

  it("refuses anything but a concrete state machine ARN", () => {
    for (const bad of ["", "*", `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:*`, execution]) {
      expect(() => executionsArnPattern(bad), bad).to.throw(TypeError, "stateMachineArn");
    }
  });
});
