import { expect } from "chai";
import { classifyDeliveryOutcome, HOPS, syncOutcomeOf } from "../src/index.js";

const sync = (body: Record<string, unknown>) => ({ status: 200, body: JSON.stringify(body) });

describe("syncOutcomeOf", () => {
  it("reads StartSyncExecution's answer (an EXPRESS stack) as a delivery outcome", () => {
    const output = JSON.stringify({ outcome: "delivered", batchId: "b", messageId: "m" });
    expect(syncOutcomeOf(sync({ executionArn: "arn", status: "SUCCEEDED", output }))).to.deep.equal({
      outcome: "delivered",
      batchId: "b",
      messageId: "m",
    });
  });

  it("leaves StartExecution's answer (a STANDARD stack) to the log or DescribeExecution reading", () => {
    expect(syncOutcomeOf(sync({ executionArn: "arn", startDate: 1 }))).to.equal(undefined);
  });
});

describe("classifyDeliveryOutcome", () => {
  it("passes every hop on a delivered answer, naming the message", () => {
    const verdict = classifyDeliveryOutcome({ outcome: "delivered", batchId: "b", messageId: "42" });
    expect(verdict).to.deep.include({ hop: HOPS.discord, ok: true });
    expect(verdict.summary).to.include("42").and.include("workflow").and.include("webhook route");
  });

  it("fails at the workflow on no-destination, naming the server and how to add it", () => {
    const verdict = classifyDeliveryOutcome({
      outcome: "no-destination",
      batchId: "b",
      guildId: "100000000000000009",
    });
    expect(verdict).to.deep.include({ hop: HOPS.workflow, ok: false });
    expect(verdict.fix).to.include("100000000000000009").and.include("stepcord:servers");
  });

  it("passes a duplicate: an earlier send of the same batch id is in Discord", () => {
    const verdict = classifyDeliveryOutcome({ outcome: "duplicate", batchId: "b", messageId: "42" });
    expect(verdict.ok).to.equal(true);
    expect(verdict.summary).to.include("earlier send");
  });

  it("fails a parked batch with a new webhook, the secret config command, pulumi up and closing the circuit", () => {
    const cause = '{"message":"Unknown Webhook","code":10015}';
    const verdict = classifyDeliveryOutcome({ outcome: "parked", code: 10015, cause });
    expect(verdict).to.deep.include({ hop: HOPS.discord, ok: false });
    expect(verdict.summary).to.include("10015");
    expect(verdict.fix).to.include("parked");
    expect(verdict.fix)
      .to.include("pulumi config set --secret stepcord:discordWebhookUrl")
      .and.include("pulumi up")
      .and.include('--key \'{"pk":{"S":"circuit#webhook"}}\'')
      .and.include("Webhook gone");
  });

  it("fails a batch parked on a bare 401 as the forwarded Authorization header, still closing the circuit", () => {
    const verdict = classifyDeliveryOutcome({
      outcome: "parked",
      code: 0,
      cause: '{"message":"401: Unauthorized","code":0}',
    });
    expect(verdict.summary).to.include("forwarded Authorization header");
    expect(verdict.fix).to.include("circuit#webhook");
  });

  it("fails a batch parked on the webhook API's own 404 as the Task's Path missing the route", () => {
    const verdict = classifyDeliveryOutcome({
      outcome: "parked",
      code: null,
      cause: '{"message":"Not Found"}',
    });
    expect(verdict.hop).to.equal(HOPS.webhookRoute);
  });

  it("maps a failed delivery's cause to the per-hop verdict: the webhook API refusing the role", () => {
    const verdict = classifyDeliveryOutcome({
      outcome: "failed",
      error: "Stepcord.DeliveryFailed",
      cause: '{"message":"Forbidden"}',
    });
    expect(verdict).to.deep.include({ hop: HOPS.webhookAuth, ok: false });
  });

  it("fails a rejected batch at the workflow as a version mismatch", () => {
    const verdict = classifyDeliveryOutcome({
      outcome: "rejected",
      error: "Stepcord.InvalidInput",
      cause: "x",
    });
    expect(verdict).to.deep.include({ hop: HOPS.workflow, ok: false });
    expect(verdict.fix).to.include("same commit");
  });

  it("reads a sync execution that timed out as a hung call, not a workflow error", () => {
    const verdict = classifyDeliveryOutcome({ outcome: "failed", error: "States.Timeout", cause: "" });
    expect(verdict.summary).to.include("timed out");
  });
});
