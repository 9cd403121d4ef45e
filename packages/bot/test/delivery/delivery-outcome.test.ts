import { expect } from "chai";
import { classifyAnswer } from "../../src/delivery/delivery-outcome.js";
import { syncAnswer } from "../support/sync-answers.js";

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
      { action: "delivered", how: "delivered" },
      { action: "delivered", how: "duplicate" },
    ]);
  });

  it("waits a rate-limited outcome for Discord's retry_after, not a jittered backoff", () => {
    const discord = '{"message": "You are being rate limited.", "retry_after": 0.25, "global": false}';
    expect(classifyAnswer(200, succeeded({ outcome: "rate-limited", batchId: "b", discord }))).to.deep.equal({
      action: "wait",
      why: "rate-limited",
      retryAfterMs: 250,
      posted: false,
    });
  });

  it("parks a batch whose webhook is gone, with the workflow's cause", () => {
    const cause = '{"message": "Unknown Webhook", "code": 10015}';
    expect(
      classifyAnswer(200, sync({ status: "FAILED", error: "Stepcord.WebhookGone", cause })),
    ).to.deep.equal({
      action: "park",
      why: "webhook-gone",
      code: 10015,
      cause,
    });
  });

  it("keeps a batch for a server the stack has no destination for, never resending it, and names the fix", () => {
    const answer = classifyAnswer(
      200,
      succeeded({ outcome: "no-destination", batchId: "b", guildId: "111111111111111111" }),
    );
    expect(answer).to.include({ action: "reject", why: "no-destination" });
    expect(answer.action === "reject" && answer.cause)
      .to.include("111111111111111111")
      .and.include("stepcord:servers");
  });

  it("retries a failed execution that is not about the batch, such as a timeout", () => {
    expect(classifyAnswer(200, sync({ status: "TIMED_OUT" }))).to.deep.equal({
      action: "retry",
      why: "workflow-failed",
      cause: "States.Timeout: ",
    });
  });

  it("keeps a batch whose sync answer it cannot read, and takes StartExecution's answer (STANDARD) as started", () => {
    const standard = JSON.stringify({ executionArn: "arn:x", startDate: 1.7e9 });
    expect([
      classifyAnswer(200, sync({ status: "SUCCEEDED", output: "{}" })),
      classifyAnswer(200, standard),
    ]).to.deep.equal([
      { action: "retry", why: "unreadable-answer" },
      { action: "delivered", how: "started", executionArn: "arn:x" },
    ]);
  });
});

describe("classifyAnswer on a 2xx's body", () => {
  const answer = (body: unknown) => classifyAnswer(200, JSON.stringify(body));

  it("reads delivered and duplicate as delivered", () => {
    expect(answer(syncAnswer.delivered("b"))).to.deep.equal({ action: "delivered", how: "delivered" });
    expect(answer(syncAnswer.duplicate("b"))).to.deep.equal({ action: "delivered", how: "duplicate" });
  });

  it("reads rate-limited as a wait of Discord's retry_after in which the batch is known not to be posted", () => {
    expect(answer(syncAnswer.rateLimited("b", 1.25))).to.deep.equal({
      action: "wait",
      why: "rate-limited",
      retryAfterMs: 1250,
      posted: false,
    });
  });

  it("reads a rate-limited outcome Discord called global as a wait that says so", () => {
    expect(answer(syncAnswer.rateLimited("b", 2, true))).to.deep.equal({
      action: "wait",
      why: "rate-limited",
      retryAfterMs: 2000,
      posted: false,
      global: true,
    });
  });

  it("reads in-flight as a wait after which the batch is resent unchanged", () => {
    expect(answer(syncAnswer.inFlight("b"))).to.include({
      action: "wait",
      why: "in-flight",
      posted: "unknown",
    });
  });

  it("parks a batch whose webhook is gone, with Discord's code", () => {
    expect(answer(syncAnswer.webhookGone())).to.include({ action: "park", code: 10015 });
  });

  it("rejects a batch the workflow refused and retries one whose execution failed", () => {
    expect(answer(syncAnswer.rejected()).action).to.equal("reject");
    expect(answer(syncAnswer.failed())).to.include({ action: "retry", why: "workflow-failed" });
  });

  it("takes a STANDARD stack's {executionArn, startDate} as started, with the ARN to ask about, and a body it cannot read as a retry", () => {
    expect(answer({ executionArn: "arn:x", startDate: 1 })).to.deep.equal({
      action: "delivered",
      how: "started",
      executionArn: "arn:x",
    });
    expect(answer({ status: "RUNNING" })).to.include({ action: "retry", why: "unreadable-answer" });
  });
});
