import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { IN_FLIGHT_RETRY_MS } from "@stepcord/events";
import { expect } from "chai";
import type { Deliverer } from "../../src/delivery/deliverer.js";
import type { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { delivererTo, emptyOutbox } from "../support/deliverer-rig.js";
import { freshBatch } from "../support/fresh-events.js";
import { syncAnswer } from "../support/sync-answers.js";
import { startVerifyingServer, type VerifyingServer } from "../support/verifying-server.js";
import { WorkflowStandIn } from "../support/workflow-stand-in.js";

const GUILD_A = "100000000000000021";
const GUILD_B = "100000000000000022";

describe("Deliverer and the workflow's outcome (an EXPRESS stack)", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer;
  /** The deliverer's clock: waits are measured on it, so a test moves it instead of sleeping. */
  let clock: number;
  /** The answer for the n-th request that reaches the workflow, by batch id; the default is `delivered`. */
  let script: Array<(batchId: string) => unknown>;

  beforeEach(async () => {
    server = await startVerifyingServer();
    script = [];
    server.answerWith((batch) => (script.shift() ?? syncAnswer.delivered)(batch.batchId));
    outbox = await emptyOutbox("outcomes");
    clock = 1_000_000;
    deliverer = delivererTo(server, {
      outbox,
      now: () => clock,
      random: () => 0, // a failure is retried at once on this clock that only the test moves
    });
  });

  afterEach(async () => {
    await deliverer.stop();
    await server.close();
  });

  /** Moves the clock and wakes the deliverer, as its own timer would. */
  const advance = (ms: number) => {
    clock += ms;
    deliverer.kick();
  };

  it("keeps a rate-limited batch and, after Discord's retry_after, sends it with the batches queued meanwhile", async () => {
    script = [(id) => syncAnswer.rateLimited(id, 1.5)];
    const first = freshBatch(2, GUILD_A);
    await outbox.put(first, clock);
    deliverer.start();
    await until(() => server.received.length === 1);
    await outbox.put(freshBatch(3, GUILD_A), clock);
    await outbox.put(freshBatch(1, GUILD_A), clock);
    deliverer.kick();
    expect(server.received).to.have.length(1); // still inside retry_after
    advance(1_500);
    await until(() => server.received.length === 2);
    expect(server.received[1]?.batchId).to.equal(first.batchId);
    expect(server.received[1]?.events).to.have.length(6);
    await until(() => outbox.size === 0);
  });

  it("never merges past MAX_EVENTS_PER_BATCH, and splits a waiting batch so each message but the last is full", async () => {
    script = [(id) => syncAnswer.rateLimited(id, 1)];
    await outbox.put(freshBatch(4, GUILD_A), clock);
    deliverer.start();
    await until(() => server.received.length === 1);
    const waiting = [freshBatch(3, GUILD_A), freshBatch(4, GUILD_A), freshBatch(4, GUILD_A)];
    await Promise.all(waiting.map((b) => outbox.put(b, clock)));
    advance(1_000);
    await until(() => outbox.size === 0);
    expect(server.received.slice(1).map((b) => b.events.length)).to.deep.equal([10, 5]);
    const order = server.received.slice(1).flatMap((b) => b.events.map((e) => e.id));
    expect(order.slice(4)).to.deep.equal(waiting.flatMap((b) => b.events.map((e) => e.id)));
  });

  it("resends a batch another execution holds unchanged, with its batch id, after the in-flight wait", async () => {
    script = [(id) => syncAnswer.inFlight(id)];
    const first = freshBatch(1, GUILD_A);
    await outbox.put(first, clock);
    deliverer.start();
    await until(() => server.received.length === 1);
    await outbox.put(freshBatch(1, GUILD_A), clock);
    advance(IN_FLIGHT_RETRY_MS);
    await until(() => outbox.size === 0);
    expect(server.received.map((b) => [b.batchId, b.events.length])).to.deep.equal([
      [first.batchId, 1],
      [first.batchId, 1],
      [server.received[2]?.batchId, 1],
    ]);
  });

  it("after a restart, merges the files never sent and resends the one that was, unchanged", async () => {
    const sentBefore = freshBatch(1, GUILD_A);
    await outbox.put(sentBefore, clock);
    const [first] = await outbox.list();
    if (first === undefined) throw new Error("no entry");
    await outbox.prepareSend(first); // the earlier process marked it and may have posted it
    const never = [freshBatch(1, GUILD_A), freshBatch(2, GUILD_A), freshBatch(1, GUILD_A)];
    for (const b of never) await outbox.put(b, clock);
    await outbox.init(); // as the next process finds the directory
    deliverer.start();
    await until(() => outbox.size === 0);
    expect(server.received.map((b) => [b.batchId, b.events.length])).to.deep.equal([
      [sentBefore.batchId, 1],
      [never[0]?.batchId, 4],
    ]);
  });

  it("forgets a batch the ledger answers duplicate (posted by an earlier send)", async () => {
    script = [(id) => syncAnswer.duplicate(id)];
    await outbox.put(freshBatch(1, GUILD_A), clock);
    deliverer.start();
    await until(() => server.received.length === 1);
    await until(() => outbox.size === 0);
  });

  it("parks a batch whose webhook is gone in outbox/parked with Discord's code and goes on with the next", async () => {
    script = [() => syncAnswer.webhookGone()];
    const gone = freshBatch(1, GUILD_A);
    const name = await outbox.put(gone, clock);
    const next = freshBatch(1, GUILD_B);
    await outbox.put(next, clock);
    deliverer.start();
    await until(() => server.received.length === 2);
    await until(() => outbox.size === 0);
    const parked = JSON.parse(await readFile(join(outbox.dir, "parked", name), "utf8"));
    expect(parked.batch.batchId).to.equal(gone.batchId);
    expect(parked.parked.code).to.equal(10015);
    expect(await readdir(join(outbox.dir, "parked"))).to.deep.equal([name]);
  });

  it("sets a batch the workflow rejects aside in outbox/rejected with the error and cause", async () => {
    script = [() => syncAnswer.rejected()];
    const name = await outbox.put(freshBatch(1, GUILD_A), clock);
    deliverer.start();
    await until(() => outbox.size === 0);
    const rejected = JSON.parse(await readFile(join(outbox.dir, "rejected", name), "utf8"));
    expect(rejected.rejected.cause).to.equal("Stepcord.InvalidInput: events[0].type: invalid");
  });

  it("backs off after a failed workflow and resends the same batch id, unmerged", async () => {
    script = [() => syncAnswer.failed()];
    const first = freshBatch(1, GUILD_A);
    await outbox.put(first, clock);
    await outbox.put(freshBatch(1, GUILD_A), clock);
    (await outbox.list()).forEach((entry) => {
      entry.sent = "unknown"; // both left by an earlier process
    });
    deliverer.start();
    await until(() => outbox.size === 0);
    expect(server.received.map((b) => b.events.length)).to.deep.equal([1, 1, 1]);
    expect(server.received[1]?.batchId).to.equal(first.batchId);
  });

  it("shows a batch twice only at the documented boundary: Discord accepted it and its answer was lost", async () => {
    const workflow = new WorkflowStandIn();
    server.answerWith((batch) => workflow.answer(batch));
    workflow.loseNextAnswer();
    const lost = freshBatch(1, GUILD_A);
    await outbox.put(lost, clock);
    await outbox.put(freshBatch(1, GUILD_B), clock);
    deliverer.start();
    await until(() => outbox.size === 0);
    expect(workflow.posted.map((b) => b.batchId).filter((id) => id === lost.batchId)).to.have.length(2);
    expect(workflow.posted).to.have.length(3);
  });

  it("forgets a batch on a STANDARD stack's answer, which says only that the execution started", async () => {
    server.answerWith(() => ({ executionArn: "arn:aws:states:eu-west-1:1:execution:x:y", startDate: 1.7e9 }));
    await outbox.put(freshBatch(1, GUILD_A), clock);
    deliverer.start();
    await until(() => server.received.length === 1);
    await until(() => outbox.size === 0);
  });
});
