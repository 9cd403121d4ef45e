import { outcomeOfDescribedExecution } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { signedRequest } from "@stepcord/signer";
import { expect } from "chai";
import { type LocalIdentity, type LocalStack, startLocalStack } from "../src/index.js";
import { credentialsOf, postSigned } from "./support/post.js";

/** DescribeExecution as the bot calls it (packages/bot/src/delivery/execution-outcome.ts): AWS JSON 1.0, SigV4 `states`. */
async function describeAs(stack: LocalStack, identity: LocalIdentity, executionArn: string) {
  const response = await signedRequest(stack.stepFunctionsEndpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": "AWSStepFunctions.DescribeExecution",
    },
    body: JSON.stringify({ executionArn }),
    credentials: credentialsOf(identity),
    region: stack.region,
    service: "states",
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

describe("a STANDARD stack's bot learns each batch's outcome from DescribeExecution (decision 0028)", () => {
  let stack: LocalStack;
  afterEach(() => stack.close());

  const start = async () => {
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    await stack.runner.idle();
    return (JSON.parse(answer.body) as { executionArn: string }).executionArn;
  };

  it("lets the bot's key describe the execution its batch started, and reads the delivery from it", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1, workflowType: "STANDARD" });
    const { status, body } = await describeAs(stack, stack.identities.bot, await start());
    expect(status).to.equal(200);
    expect(outcomeOfDescribedExecution(body)).to.deep.include({
      outcome: "delivered",
      batchId: fixtureBatches.join.batchId,
    });
  });

  it("reads a failed execution as failed, so the bot keeps the batch and resends it", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1, workflowType: "STANDARD" });
    stack.fakeWebhook?.injectFaults([{ status: 400, code: 50035 }]);
    const { body } = await describeAs(stack, stack.identities.bot, await start());
    expect(outcomeOfDescribedExecution(body)).to.deep.include({
      outcome: "failed",
      error: "Stepcord.DeliveryFailed",
    });
  });

  it("refuses DescribeExecution to an EXPRESS stack's bot, whose answer already carries the outcome", async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
    const arn = `${stack.stateMachineArn.replace(":stateMachine:", ":execution:")}:any`;
    const { body } = await describeAs(stack, stack.identities.bot, arn);
    expect(body.__type).to.match(/AccessDeniedException$/);
  });
});
