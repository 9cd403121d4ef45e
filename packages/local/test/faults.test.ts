import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

describe("the local pipeline under Discord faults", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  const deliver = async () => {
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(answer.status).to.equal(200);
    await stack.runner.idle();
    return stack.runner.executions()[0];
  };

  it("delivers after a 429 with retry_after, a 500 and a 429 without headers", async () => {
    stack.fakeWebhook?.injectFaults([
      { status: 429, retryAfterSeconds: 0.05 },
      { status: 500 },
      { status: 429, noHeaders: true, retryAfterSeconds: 0.01 },
    ]);
    const execution = await deliver();
    expect(execution?.status).to.equal("SUCCEEDED");
    expect(stack.fakeWebhook?.messages()).to.have.length(1);
    const retried = execution?.history.filter((event) => event.type === "StateRetried") ?? [];
    expect(retried).to.have.length(3);
  });

  it("calls the webhook on Discord's API v10 although it was given the unversioned URL Discord hands out", async () => {
    // Unversioned is Discord's deprecated default, v6, whose retry_after is milliseconds; the invoke handler and the
    // ASL read seconds, so only v10 keeps the two in step (discord/discord-api-docs, developers/reference.mdx).
    stack.fakeWebhook?.injectFaults([{ status: 429, retryAfterSeconds: 0.05 }]);
    await deliver();
    const paths = stack.fakeWebhook?.requests().map((request) => request.path) ?? [];
    expect(paths).to.deep.equal([
      "/api/v10/webhooks/1300000000000000000/[token]",
      "/api/v10/webhooks/1300000000000000000/[token]",
    ]);
    expect(stack.fakeWebhook?.requests()[0]).to.include({ status: 429 });
  });

  it("fails on Discord's 10015 Unknown Webhook with its cause and does not retry", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const execution = await deliver();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.DeliveryFailed" });
    expect(execution?.cause).to.include("10015");
    expect(execution?.history.filter((event) => event.type === "StateRetried")).to.have.length(0);
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });

  it("gives up after the retries when Discord stays down, leaving the failure visible", async () => {
    stack.fakeWebhook?.injectFaults(Array.from({ length: 6 }, () => ({ status: 503 })));
    const execution = await deliver();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.DeliveryFailed" });
    expect(execution?.history.filter((event) => event.type === "StateRetried")).to.have.length(5);
  });

  it("stays within Discord's rate limit on a burst, delivering every batch", async () => {
    const batches = Array.from({ length: 8 }, (_, i) => ({
      ...fixtureBatches.join,
      batchId: `30000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    }));
    await Promise.all(
      batches.map((batch) => postSigned(stack.eventsEndpoint, batch, stack.identities.bot, stack)),
    );
    await stack.runner.idle();
    expect(stack.runner.executions().map((e) => e.status)).to.deep.equal(batches.map(() => "SUCCEEDED"));
    expect(stack.fakeWebhook?.messages()).to.have.length(8);
    const limited = stack.fakeWebhook?.requests().filter((r) => r.status === 429) ?? [];
    expect(limited.length, "the fake's 5-per-2s bucket must have pushed back").to.be.greaterThan(0);
  });
});
