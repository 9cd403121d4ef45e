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

  it("takes a STANDARD stack's {executionArn, startDate} as started, and a body it cannot read as a retry", () => {
    expect(answer({ executionArn: "arn:x", startDate: 1 })).to.deep.equal({
      action: "delivered",
      how: "started",
    });
    expect(answer({ status: "RUNNING" })).to.include({ action: "retry", why: "unreadable-answer" });
  });
});
