import { DEFAULT_RETRY_AFTER_MS, parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

/**
 * What the bot learns of a Cloudflare ban's 429 through the EXPRESS workflow (decision 0045): Cloudflare answers
 * text with only a `Retry-After` header (packages/fake-discord/src/webhook/cloudflare-ban.ts), and Step Functions'
 * apigateway:invoke error carries the body alone as its cause (localstack/localstack,
 * state_task_service_api_gateway.py, `_from_error`), so no wait reaches the bot and the outcome says it guessed.
 */
describe("the local pipeline, EXPRESS, when Cloudflare answers Discord's webhook with a 429", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  it("answers rate-limited with the default wait marked guessed, not Cloudflare's Retry-After", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 429, cloudflare: true, retryAfterSeconds: 600 }]);
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(parseDeliveryOutcome(JSON.parse(answer.body))).to.deep.equal({
      outcome: "rate-limited",
      batchId: fixtureBatches.join.batchId,
      retryAfterMs: DEFAULT_RETRY_AFTER_MS,
      retryAfterGuessed: true,
    });
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });
});
