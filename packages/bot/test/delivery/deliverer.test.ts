import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVoiceEventBatch } from "@stepcord/events";
import { joinEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import pino from "pino";
import { Deliverer } from "../../src/delivery/deliverer.js";
import { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "../support/verifying-server.js";

/** A deliverer from a fresh outbox directory to the verifying server; `sleep` replaces its backoff waits. */
async function deliveryRig<O extends Outbox>(
  makeOutbox: (dir: string) => O,
  sleep?: (ms: number) => Promise<void>,
): Promise<{ server: VerifyingServer; outbox: O; deliverer: Deliverer }> {
  const server = await startVerifyingServer();
  const outbox = makeOutbox(await mkdtemp(join(tmpdir(), "stepcord-outbox-")));
  await outbox.init();
  const deliverer = new Deliverer({
    outbox,
    endpoint: server.url,
    credentials: TEST_CREDENTIALS,
    region: "eu-west-1",
    logger: pino({ level: "silent" }),
    now: Date.now,
    ...(sleep ? { sleep } : {}),
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
      async () => undefined,
    ));
  });

  afterEach(async () => {
    await deliverer.stop();
    await server.close();
  });

  it("posts a batch with a SigV4 signature the server verifies and empties the outbox", async () => {
    const batch = createVoiceEventBatch({ events: [joinEvent], quiet: false });
    await outbox.put(batch, 1);
    deliverer.start();
    await until(() => server.received.length === 1);
    expect(server.failures).to.equal(0);
    expect(server.received[0]?.batchId).to.equal(batch.batchId);
    expect(server.received[0]?.events[0]?.type).to.equal("join");
    await until(() => deliverer.lastDeliveryAt !== null);
    expect(await outbox.list()).to.deep.equal([]);
  });

  it("loses nothing through an outage of 503s and keeps the order and batch ids", async () => {
    server.failNext(5, 503);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const batch = createVoiceEventBatch({ events: [joinEvent], quiet: false });
      ids.push(batch.batchId);
      await outbox.put(batch, i);
    }
    deliverer.start();
    await until(() => server.received.length === 3);
    expect(server.received.map((b) => b.batchId)).to.deep.equal(ids);
  });
});

/** StartSyncExecution's response, as the events API answers for an EXPRESS stack. */
function syncAnswer(
  output: Record<string, unknown> | undefined,
  failure?: { error: string; cause: string },
): string {
  return JSON.stringify({
    executionArn: "arn:aws:states:eu-west-1:123456789012:express:stepcord-notifier:x:y",
    ...(output ? { status: "SUCCEEDED", output: JSON.stringify(output) } : { status: "FAILED", ...failure }),
  });
}

describe("Deliverer reading the workflow's outcome (EXPRESS)", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer;
  const slept: number[] = [];

  beforeEach(async () => {
    slept.length = 0;
    ({ server, outbox, deliverer } = await deliveryRig(
      (dir) => new Outbox(dir),
      async (ms) => {
        slept.push(ms);
      },
    ));
  });

  afterEach(async () => {
    await deliverer.stop();
    await server.close();
  });

  it("keeps a batch the workflow answered rate-limited, waits Discord's retry_after, and resends it", async () => {
    const batch = createVoiceEventBatch({ events: [joinEvent], quiet: false });
    const discord = '{"message": "You are being rate limited.", "retry_after": 1.5, "global": false}';
    server.answerNext(
      syncAnswer({ outcome: "rate-limited", batchId: batch.batchId, discord }),
      syncAnswer({ outcome: "delivered", batchId: batch.batchId, messageId: "1300000000000000001" }),
    );
    await outbox.put(batch, 1);
    deliverer.start();
    await until(() => deliverer.lastDeliveryAt !== null);
    expect(server.received.map((b) => b.batchId)).to.deep.equal([batch.batchId, batch.batchId]);
    expect(slept).to.include(1500);
    expect(await outbox.list()).to.deep.equal([]);
  });

  it("sets aside a batch the workflow parked (webhook gone) instead of deleting or resending it", async () => {
    const batch = createVoiceEventBatch({ events: [joinEvent], quiet: false });
    server.answerNext(
      syncAnswer(undefined, {
        error: "Stepcord.WebhookGone",
        cause: '{"message": "Unknown Webhook", "code": 10015}',
      }),
    );
    await outbox.put(batch, 1);
    deliverer.start();
    await until(async () => (await readdir(join(outbox.dir, "rejected")).catch(() => [])).length === 1);
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

  override async list(): Promise<string[]> {
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
    const batch = createVoiceEventBatch({ events: [joinEvent], quiet: false });
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
    const batch = createVoiceEventBatch({ events: [joinEvent], quiet: false });
    await outbox.put(batch, 1);
    deliverer.start();
    await until(() => server.hanging === 1);
    await deliverer.stop();
    expect(await outbox.list()).to.have.length(1);
  });
});
