import { parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

/**
 * A 429 from Discord's global limit (`"global": true`, discord/discord-api-docs developers/topics/rate-limits.mdx,
 * "Example Exceeded Global Rate Limit Response") counts every request of the caller, not one webhook's: through the
 * EXPRESS workflow the bot must learn it is global, so it holds every destination (DeliveryPacer).
 */
describe("the local pipeline, EXPRESS, when Discord answers its webhook with a global 429", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  it("answers rate-limited with Discord's retry_after, marked global", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 429, global: true, retryAfterSeconds: 3 }]);
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(parseDeliveryOutcome(JSON.parse(answer.body))).to.deep.equal({
      outcome: "rate-limited",
      batchId: fixtureBatches.join.batchId,
      retryAfterMs: 3_000,
      global: true,
    });
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });
});
