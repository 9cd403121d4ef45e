import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { Deliverer } from "../../src/delivery/deliverer.js";
import { Outbox, type OutboxEntry } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { delivererTo } from "../support/deliverer-rig.js";
import { freshBatch } from "../support/fresh-events.js";
import { syncAnswer } from "../support/sync-answers.js";
import { startVerifyingServer, type VerifyingServer } from "../support/verifying-server.js";

/**
 * A deliverer from a fresh outbox directory to the verifying server; `random` is its backoffs' jitter (0 retries at
 * once), `now` its clock (Date.now by default).
 */
async function deliveryRig<O extends Outbox>(
  makeOutbox: (dir: string) => O,
  random?: () => number,
  now: () => number = Date.now,
): Promise<{ server: VerifyingServer; outbox: O; deliverer: Deliverer }> {
  const server = await startVerifyingServer();
  const outbox = makeOutbox(await mkdtemp(join(tmpdir(), "stepcord-outbox-")));
  await outbox.init();
  const deliverer = delivererTo(server, {
    outbox,
    now,
    ...(random ? { random } : {}),
  });
  return { server, outbox, deliverer };
}

describe("Deliverer", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer;

  beforeEach(async () => {
    ({ server, outbox, deliverer } = await deliveryRig(
      (dir) => new Outbox(dir),
      () => 0,
    ));
  });

  afterEach(async () => {
    await deliverer.stop();
    await server.close();
  });

  it("posts a batch with a SigV4 signature the server verifies and empties the outbox", async () => {
    const batch = freshBatch();
    await outbox.put(batch, 1);
    deliverer.start();
    await until(() => server.received.length === 1);
    expect(server.failures).to.equal(0);
    expect(server.received[0]?.batchId).to.equal(batch.batchId);
    expect(server.received[0]?.events[0]?.type).to.equal("join");
    await until(() => deliverer.lastDeliveryAt !== null);
    expect(await outbox.list()).to.deep.equal([]);
  });

  it("loses nothing through an outage of 503s, keeps the order, and resends the batch it sent unchanged", async () => {
    server.failNext(5, 503);
    const batches = [freshBatch(), freshBatch(), freshBatch()];
    await outbox.put(batches[0] ?? freshBatch(), 0);
    deliverer.start();
    await until(() => server.failuresAnswered >= 1);
    // Both queued in one turn of the event loop, so the deliverer sees them together.
    await Promise.all(batches.slice(1).map((batch, i) => outbox.put(batch, i + 1)));
    deliverer.kick();
    await until(() => server.received.flatMap((b) => b.events).length === 3);
    // The first was sent with no answer that says what became of it: resent as it was. The two queued during the
    // outage were never sent, so they travel together.
    expect(server.received.map((b) => b.batchId)).to.deep.equal([batches[0]?.batchId, batches[1]?.batchId]);
    expect(server.received.flatMap((b) => b.events.map((e) => e.id))).to.deep.equal(
      batches.flatMap((b) => b.events.map((e) => e.id)),
    );
  });
});

describe("Deliverer reading the workflow's outcome (EXPRESS)", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer;
  /** The deliverer's clock: a rate limit's wait is measured on it, so the test moves it instead of sleeping. */
  let clock: number;
  /** How often the deliverer read its clock: each turn of its loop reads it once. */
  let reads: number;
  /** Each draw of the backoff's jitter: a wait Discord named is not a backoff. */
  let jitterDraws: number;

  beforeEach(async () => {
    jitterDraws = 0;
    clock = 1_000_000;
    reads = 0;
    ({ server, outbox, deliverer } = await deliveryRig(
      (dir) => new Outbox(dir),
      () => {
        jitterDraws += 1;
        return 0;
      },
      () => {
        reads += 1;
        return clock;
      },
    ));
  });

  afterEach(async () => {
    await deliverer.stop();
    await server.close();
  });

  it("keeps a batch the workflow answered rate-limited, waits Discord's retry_after, and resends it", async () => {
    const batch = freshBatch();
    const script = [(id: string) => syncAnswer.rateLimited(id, 1.5), syncAnswer.delivered];
    server.answerWith((b) => (script.shift() ?? syncAnswer.delivered)(b.batchId));
    await outbox.put(batch, clock);
    deliverer.start();
    // The answer is read once the entry is known not to be posted; the wait starts then.
    await until(async () => (await outbox.list())[0]?.sent === "not-posted");
    clock += 1_499;
    const looked = reads;
    deliverer.kick();
    // Three more looks at the clock: the loop went round at least twice without sending (a send would have reached
    // the server before the third).
    await until(() => reads >= looked + 3);
    expect(server.received).to.have.length(1);
    clock += 1;
    deliverer.kick();
    await until(() => deliverer.lastDeliveryAt !== null);
    expect(server.received.map((b) => b.batchId)).to.deep.equal([batch.batchId, batch.batchId]);
    // Discord's retry_after, on the clock, not a jittered backoff.
    expect(jitterDraws).to.equal(0);
    expect(await outbox.list()).to.deep.equal([]);
  });

  // Before bot-delivery, a parked batch went to outbox/rejected; it now has outbox/parked and `redeliver`.
  it("sets aside a batch the workflow parked (webhook gone) instead of deleting or resending it", async () => {
    const batch = freshBatch();
    server.answerWith(() => syncAnswer.webhookGone());
    await outbox.put(batch, clock);
    deliverer.start();
    // The parked file lands before the outbox forgets the entry: wait for both.
    const parked = async () => (await readdir(join(outbox.dir, "parked")).catch(() => [])).length;
    await until(async () => (await parked()) === 1 && outbox.size === 0);
    expect(server.received).to.have.length(1);
    expect(await outbox.list()).to.deep.equal([]);
  });
});

/** An outbox whose next list() pauses until released, to put a kick or a stop exactly inside it. */
class PausingOutbox extends Outbox {
  private gate: { entered: () => void; release: Promise<void> } | undefined;

  pauseNextList(): { entered: Promise<void>; release: () => void } {
    let entered!: () => void;
    let release!: () => void;
    const enteredP = new Promise<void>((r) => (entered = r));
    this.gate = { entered, release: new Promise<void>((r) => (release = r)) };
    return { entered: enteredP, release };
  }

  override async list(): Promise<OutboxEntry[]> {
    const files = await super.list();
    const gate = this.gate;
    if (gate) {
      this.gate = undefined;
      gate.entered();
      await gate.release;
    }
    return files;
  }
}

describe("Deliverer wake-ups", () => {
  let server: VerifyingServer;
  let outbox: PausingOutbox;
  let deliverer: Deliverer;

  beforeEach(async () => {
    ({ server, outbox, deliverer } = await deliveryRig((dir) => new PausingOutbox(dir)));
  });

  afterEach(async () => {
    await deliverer.stop();
    await server.close();
  });

  it("delivers a batch queued while the loop was listing an empty outbox, without waiting for another event", async () => {
    const paused = outbox.pauseNextList();
    deliverer.start();
    await paused.entered; // the loop has read an empty directory and is about to decide to sleep
    const batch = freshBatch();
    await outbox.put(batch, 1);
    deliverer.kick();
    paused.release();
    await until(() => server.received.length === 1);
    expect(server.received[0]?.batchId).to.equal(batch.batchId);
  });

  it("stops when stop() arrives while the loop is listing, instead of sleeping forever", async () => {
    const paused = outbox.pauseNextList();
    deliverer.start();
    await paused.entered;
    const stopped = deliverer.stop();
    paused.release();
    const outcome = await Promise.race([
      stopped.then(() => "stopped"),
      new Promise((r) => setTimeout(() => r("still running after 2 s"), 2000).unref()),
    ]);
    expect(outcome).to.equal("stopped");
  });

  it("aborts a request the endpoint never answers on stop and keeps its batch in the outbox", async () => {
    server.hangNext(1);
    const batch = freshBatch();
    await outbox.put(batch, 1);
    deliverer.start();
    await until(() => server.hanging === 1);
    await deliverer.stop();
    expect(await outbox.list()).to.have.length(1);
  });
});
