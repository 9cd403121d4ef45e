import { expect } from "chai";
import { classifyAnswer } from "../../src/delivery/delivery-outcome.js";

const actions = (codes: number[]) => codes.map((code) => `${code} ${classifyAnswer(code).action}`);

describe("classifyAnswer", () => {
  it("counts every 2xx as delivered", () => {
    expect(actions([200, 201, 202, 204, 299])).to.deep.equal([
      "200 delivered",
      "201 delivered",
      "202 delivered",
      "204 delivered",
      "299 delivered",
    ]);
  });

  it("rejects a 4xx that refuses the batch itself, such as 400, 404 and 413", () => {
    expect(actions([400, 404, 413, 422])).to.deep.equal([
      "400 reject",
      "404 reject",
      "413 reject",
      "422 reject",
    ]);
  });

  it("retries a 403 (the signature or the grant, not the batch) and a 429 (throttling)", () => {
    expect(classifyAnswer(403)).to.deep.equal({ action: "retry", why: "signing" });
    expect(classifyAnswer(429)).to.deep.equal({ action: "retry", why: "throttled" });
  });

  it("retries 5xx and any status it does not expect, such as a redirect", () => {
    expect(actions([500, 502, 503, 504, 301, 100])).to.deep.equal([
      "500 retry",
      "502 retry",
      "503 retry",
      "504 retry",
      "301 retry",
      "100 retry",
    ]);
  });
});

/** StartSyncExecution's response body, as an EXPRESS stack's events API answers (HTTP 200 either way). */
const sync = (fields: Record<string, unknown>) =>
  JSON.stringify({
    executionArn: "arn:aws:states:eu-west-1:123456789012:express:stepcord-notifier:x:y",
    ...fields,
  });
const succeeded = (output: Record<string, unknown>) =>
  sync({ status: "SUCCEEDED", output: JSON.stringify(output) });

describe("classifyAnswer reading an EXPRESS stack's 2xx body", () => {
  it("counts a delivered or duplicate outcome as delivered", () => {
    const delivered = succeeded({ outcome: "delivered", batchId: "b", messageId: "1" });
    const duplicate = succeeded({ outcome: "duplicate", batchId: "b", messageId: "1" });
    expect([classifyAnswer(200, delivered), classifyAnswer(200, duplicate)]).to.deep.equal([
      { action: "delivered" },
      { action: "delivered" },
    ]);
  });

  it("retries a rate-limited outcome after Discord's retry_after, not a jittered backoff", () => {
    const discord = '{"message": "You are being rate limited.", "retry_after": 0.25, "global": false}';
    expect(classifyAnswer(200, succeeded({ outcome: "rate-limited", batchId: "b", discord }))).to.deep.equal({
      action: "retry",
      why: "throttled",
      waitMs: 250,
    });
  });

  it("parks a batch whose webhook is gone, with the workflow's cause", () => {
    const cause = '{"message": "Unknown Webhook", "code": 10015}';
    expect(
      classifyAnswer(200, sync({ status: "FAILED", error: "Stepcord.WebhookGone", cause })),
    ).to.deep.equal({
      action: "reject",
      why: "parked",
      cause,
    });
  });

  it("retries a failed execution that is not about the batch, such as a timeout", () => {
    expect(classifyAnswer(200, sync({ status: "TIMED_OUT" }))).to.deep.equal({
      action: "retry",
      why: "workflow-failed",
    });
  });

  it("keeps a batch whose sync answer it cannot read, and lets StartExecution's answer (STANDARD) go", () => {
    const standard = JSON.stringify({ executionArn: "arn:x", startDate: 1.7e9 });
    expect([
      classifyAnswer(200, sync({ status: "SUCCEEDED", output: "{}" })),
      classifyAnswer(200, standard),
    ]).to.deep.equal([{ action: "retry", why: "unexpected-answer" }, { action: "delivered" }]);
  });
});
