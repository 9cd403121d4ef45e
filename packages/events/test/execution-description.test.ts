import { expect } from "chai";
import { outcomeOfDescribedExecution } from "../src/index.js";

const executionArn = "arn:aws:states:eu-west-1:123456789012:execution:stepcord-notifier:5f0c";
// DescribeExecution's response carries more (name, stateMachineArn, startDate, input, …); the bot reads these.
const described = (fields: Record<string, unknown>) => ({ executionArn, startDate: 1.7e9, ...fields });

describe("outcomeOfDescribedExecution", () => {
  it("has no outcome yet while the execution runs or waits for a redrive", () => {
    expect(outcomeOfDescribedExecution(described({ status: "RUNNING" }))).to.equal(undefined);
    expect(outcomeOfDescribedExecution(described({ status: "PENDING_REDRIVE" }))).to.equal(undefined);
  });

  it("reads a succeeded execution's output as the workflow's outcome", () => {
    const output = JSON.stringify({ outcome: "delivered", batchId: "b1", messageId: "1300000000000000001" });
    expect(outcomeOfDescribedExecution(described({ status: "SUCCEEDED", output }))).to.deep.equal({
      outcome: "delivered",
      batchId: "b1",
      messageId: "1300000000000000001",
    });
  });

  it("reads a failed execution as failed, parked or rejected by its error, like a sync answer", () => {
    const failed = described({ status: "FAILED", error: "Stepcord.DeliveryFailed", cause: "status 503" });
    expect(outcomeOfDescribedExecution(failed)).to.deep.equal({
      outcome: "failed",
      error: "Stepcord.DeliveryFailed",
      cause: "status 503",
    });
    const gone = described({
      status: "FAILED",
      error: "Stepcord.WebhookGone",
      cause: '{"message": "Unknown Webhook", "code": 10015}',
    });
    expect(outcomeOfDescribedExecution(gone)).to.deep.include({ outcome: "parked", code: 10015 });
  });

  it("reads a timed-out or aborted execution as failed, to resend", () => {
    expect(outcomeOfDescribedExecution(described({ status: "TIMED_OUT" }))).to.deep.include({
      outcome: "failed",
      error: "States.Timeout",
    });
    expect(outcomeOfDescribedExecution(described({ status: "ABORTED" }))).to.deep.include({
      outcome: "failed",
      error: "States.Aborted",
    });
  });

  it("refuses a body that is not a DescribeExecution response", () => {
    expect(() => outcomeOfDescribedExecution({ executionArn, startDate: 1 })).to.throw();
  });
});
