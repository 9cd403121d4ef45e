import { parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

describe("the local pipeline under Discord faults, STANDARD (the workflow retries on its own)", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1, workflowType: "STANDARD" });
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

  it("parks on Discord's 10015 Unknown Webhook with its cause and does not retry", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const execution = await deliver();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.WebhookGone" });
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
});

describe("the local pipeline, EXPRESS behind StartSyncExecution (the bot learns each batch's outcome)", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  const send = async (batch: unknown = fixtureBatches.join) => {
    const answer = await postSigned(stack.eventsEndpoint, batch, stack.identities.bot, stack);
    expect(answer.status, "StartSyncExecution answers 200 whatever the execution did").to.equal(200);
    return parseDeliveryOutcome(JSON.parse(answer.body));
  };

  it("answers delivered with Discord's message id", async () => {
    const outcome = await send();
    expect(outcome).to.deep.include({ outcome: "delivered", batchId: fixtureBatches.join.batchId });
    expect(stack.fakeWebhook?.messages()).to.have.length(1);
  });

  it("posts a signed batch replayed three times once, answering the replays duplicate", async () => {
    const outcomes = [await send(), await send(), await send()];
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(["delivered", "duplicate", "duplicate"]);
    expect(stack.fakeWebhook?.messages()).to.have.length(1);
  });

  it("hands Discord's 429 and retry_after back instead of retrying, then delivers the resend", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 429, retryAfterSeconds: 1.5 }]);
    const limited = await send();
    expect(limited).to.deep.equal({
      outcome: "rate-limited",
      batchId: fixtureBatches.join.batchId,
      retryAfterMs: 1500,
    });
    expect(await send()).to.deep.include({ outcome: "delivered" });
    expect(stack.fakeWebhook?.messages()).to.have.length(1);
  });

  it("calls a dead webhook once, then parks every later batch without calling Discord", async () => {
    stack.fakeWebhook?.injectFaults(Array.from({ length: 5 }, () => ({ status: 404, code: 10015 })));
    const batches = Array.from({ length: 4 }, (_, i) => ({
      ...fixtureBatches.join,
      batchId: `40000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    }));
    const outcomes = [];
    for (const batch of batches) outcomes.push(await send(batch));
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(["parked", "parked", "parked", "parked"]);
    expect(outcomes.map((o) => (o.outcome === "parked" ? o.code : undefined))).to.deep.equal([
      10015, 10015, 10015, 10015,
    ]);
    expect(stack.fakeWebhook?.requests(), "Discord was called once").to.have.length(1);
  });

  it("delivers every batch of a burst exactly once when each rate-limited answer is resent after its retry_after, as the bot does", async () => {
    const batches = Array.from({ length: 8 }, (_, i) => ({
      ...fixtureBatches.join,
      batchId: `30000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    }));
    const answers: ReturnType<typeof parseDeliveryOutcome>[] = [];
    // The bot's contract: a rate-limited batch stays in its outbox and is sent again, same body and batch id, once
    // Discord's retry_after has passed; anything else ends this batch's story.
    const deliverUntilDone = async (batch: (typeof batches)[number]) => {
      for (;;) {
        const outcome = await send(batch);
        answers.push(outcome);
        if (outcome.outcome !== "rate-limited") return outcome;
        await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs));
      }
    };
    const final = await Promise.all(batches.map(deliverUntilDone));
    expect(final.map((o) => o.outcome)).to.deep.equal(batches.map(() => "delivered"));
    expect(final.map((o) => (o.outcome === "delivered" ? o.batchId : undefined))).to.deep.equal(
      batches.map((b) => b.batchId),
    );
    const messageIds = final.map((o) => (o.outcome === "delivered" ? o.messageId : undefined));
    expect(
      stack.fakeWebhook
        ?.messages()
        .map((m) => m.id)
        .sort(),
    ).to.deep.equal([...messageIds].sort());
    expect(stack.fakeWebhook?.messages(), "each batch posted once, none lost").to.have.length(8);
    expect(
      answers.filter((o) => o.outcome === "duplicate"),
      "no batch was posted twice",
    ).to.have.length(0);
    const limited = stack.fakeWebhook?.requests().filter((r) => r.status === 429) ?? [];
    expect(limited.length, "the fake's 5-per-2s bucket must have pushed back").to.be.greaterThan(0);
    expect(answers.filter((o) => o.outcome === "rate-limited")).to.have.length(limited.length);
  });
});
