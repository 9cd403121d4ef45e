import { expect } from "chai";
import {
  DEFAULT_RETRY_AFTER_MS,
  parseDeliveryOutcome,
  readRetryAfter,
  retryAfterMsFromCause,
} from "../src/index.js";

const batchId = "10000000-0000-4000-8000-000000000001";
const succeeded = (output: unknown) => ({
  executionArn: "arn:aws:states:eu-west-1:123456789012:express:stepcord-notifier:x:y",
  status: "SUCCEEDED",
  output: JSON.stringify(output),
});
const failed = (error: string, cause: string) => ({ executionArn: "arn:x", status: "FAILED", error, cause });

describe("parseDeliveryOutcome", () => {
  it("reads a delivery and a duplicate with Discord's message id", () => {
    const delivered = {
      outcome: "delivered",
      batchId,
      events: 1,
      status: 200,
      messageId: "1300000000000000001",
    };
    expect(parseDeliveryOutcome(succeeded(delivered))).to.deep.equal({
      outcome: "delivered",
      batchId,
      messageId: "1300000000000000001",
    });
    expect(
      parseDeliveryOutcome(succeeded({ outcome: "duplicate", batchId, messageId: "1300000000000000001" }))
        .outcome,
    ).to.equal("duplicate");
  });

  it("turns Discord's 429 body into the wait it asks for", () => {
    const discord = '{"message": "You are being rate limited.", "retry_after": 42.5, "global": false}';
    expect(parseDeliveryOutcome(succeeded({ outcome: "rate-limited", batchId, discord }))).to.deep.equal({
      outcome: "rate-limited",
      batchId,
      retryAfterMs: 42_500,
    });
  });

  it("marks a 429 Discord calls global, which limits the caller's every request, not one webhook", () => {
    // discord/discord-api-docs developers/topics/rate-limits.mdx, "Example Exceeded Global Rate Limit Response".
    const discord = '{"message": "You are being rate limited.", "retry_after": 64.57, "global": true}';
    expect(parseDeliveryOutcome(succeeded({ outcome: "rate-limited", batchId, discord }))).to.deep.equal({
      outcome: "rate-limited",
      batchId,
      retryAfterMs: 64_570,
      global: true,
    });
  });

  it("finds global inside a cause that wraps the body as a JSON string", () => {
    const discord = JSON.stringify({ ResponseBody: '{"retry_after": 1, "global": true}' });
    expect(parseDeliveryOutcome(succeeded({ outcome: "rate-limited", batchId, discord }))).to.include({
      global: true,
    });
  });

  it("finds retry_after inside a cause that wraps the body as a JSON string", () => {
    expect(retryAfterMsFromCause(JSON.stringify({ ResponseBody: '{"retry_after": 1.25}' }))).to.equal(1250);
    expect(retryAfterMsFromCause("Too Many Requests")).to.equal(DEFAULT_RETRY_AFTER_MS);
  });

  it("marks the wait as guessed when a 429's body names none (Cloudflare's text answer)", () => {
    expect(
      parseDeliveryOutcome(succeeded({ outcome: "rate-limited", batchId, discord: "error code: 1015" })),
    ).to.deep.equal({
      outcome: "rate-limited",
      batchId,
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
      retryAfterGuessed: true,
    });
  });

  it("reads a Retry-After header in seconds the workflow passes on when the body has no retry_after", () => {
    const output = { outcome: "rate-limited", batchId, discord: "error code: 1015", retryAfter: "120" };
    expect(parseDeliveryOutcome(succeeded(output))).to.deep.equal({
      outcome: "rate-limited",
      batchId,
      retryAfterMs: 120_000,
    });
  });

  it("prefers the body's retry_after to the Retry-After header, and takes an HTTP-date header as no wait", () => {
    expect(readRetryAfter('{"retry_after": 1.5}', "2")).to.deep.equal({
      retryAfterMs: 1_500,
      guessed: false,
    });
    expect(readRetryAfter("", "Wed, 21 Oct 2026 07:28:00 GMT")).to.deep.equal({
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
      guessed: true,
    });
  });

  it("parks a batch the webhook-gone error ended, with Discord's code", () => {
    expect(
      parseDeliveryOutcome(failed("Stepcord.WebhookGone", '{"message": "Unknown Webhook", "code": 10015}')),
    ).to.deep.equal({
      outcome: "parked",
      code: 10015,
      cause: '{"message": "Unknown Webhook", "code": 10015}',
    });
  });

  it("rejects bad input for good, and leaves every other failure and a timeout to a resend", () => {
    expect(parseDeliveryOutcome(failed("Stepcord.InvalidInput", "x")).outcome).to.equal("rejected");
    expect(parseDeliveryOutcome(failed("Stepcord.DeliveryFailed", "503")).outcome).to.equal("failed");
    expect(parseDeliveryOutcome({ executionArn: "arn:x", status: "TIMED_OUT" })).to.deep.include({
      outcome: "failed",
      error: "States.Timeout",
    });
  });

  it("refuses StartExecution's answer (a STANDARD stack), which carries no outcome", () => {
    expect(() => parseDeliveryOutcome({ executionArn: "arn:x", startDate: 1.7e9 })).to.throw();
  });
});
