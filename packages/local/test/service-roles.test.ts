import { policyDocument } from "@stepcord/definitions";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import {
  LOCAL_ACCOUNT,
  LOCAL_STATE_MACHINE_ARN,
  type LocalStack,
  localServiceRoles,
  serviceMayAssume,
  startLocalStack,
  WorkflowRoleNotAssumableError,
} from "../src/index.js";
import { postSigned } from "./support/post.js";

/** The events API role's trust as it was: fine in a simulator that adds aws:SourceAccount, a 500 on AWS. */
const trustDemandingSourceAccount = policyDocument({
  Effect: "Allow",
  Principal: { Service: "apigateway.amazonaws.com" },
  Action: "sts:AssumeRole",
  Condition: { StringEquals: { "aws:SourceAccount": LOCAL_ACCOUNT } },
});

describe("the local stack's service roles", () => {
  it("lets API Gateway and Step Functions assume the roles the Pulumi program deploys, with what each sends", () => {
    const roles = localServiceRoles();
    const api = { account: LOCAL_ACCOUNT, arn: "arn:aws:apigateway:us-east-1::/apis/localevents" };
    expect(serviceMayAssume(roles.eventsStart, "apigateway.amazonaws.com", api)).to.equal(true);
    const machine = { account: LOCAL_ACCOUNT, arn: LOCAL_STATE_MACHINE_ARN };
    expect(serviceMayAssume(roles.workflow, "states.amazonaws.com", machine)).to.equal(true);
    expect(serviceMayAssume(roles.workflow, "apigateway.amazonaws.com", api)).to.equal(false);
    const theirs = {
      account: "999999999999",
      arn: LOCAL_STATE_MACHINE_ARN.replace(LOCAL_ACCOUNT, "999999999999"),
    };
    expect(serviceMayAssume(roles.workflow, "states.amazonaws.com", theirs)).to.equal(false);
  });

  describe("when the events API role's trust demands aws:SourceAccount", () => {
    let stack: LocalStack;
    before(async () => {
      stack = await startLocalStack({
        retryIntervalMs: 1,
        serviceRoleTrust: { eventsStart: trustDemandingSourceAccount },
      });
    });
    after(() => stack.close());

    it("answers POST /events with an HTTP API's 500 and starts nothing, as API Gateway sends no aws:SourceAccount", async () => {
      const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
      expect(answer.status).to.equal(500);
      expect(JSON.parse(answer.body)).to.deep.equal({ message: "Internal Server Error" });
      expect(stack.runner.executions()).to.have.length(0);
    });
  });

  it("refuses to start when the workflow role's trust admits no state machine of this account", async () => {
    const elsewhere = localServiceRoles().workflow.trustPolicy;
    const foreign = JSON.parse(JSON.stringify(elsewhere).replaceAll(LOCAL_ACCOUNT, "999999999999"));
    const error = await startLocalStack({ serviceRoleTrust: { workflow: foreign } }).then(
      async (stack) => {
        await stack.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(WorkflowRoleNotAssumableError);
    expect((error as Error).message).to.match(/^Neither the global service principal states\.amazonaws\.com/);
  });
});
