import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVoiceEventBatch, joinEvent } from "@stepcord/events";
import { expect } from "chai";
import pino from "pino";
import { Deliverer } from "../src/deliverer.js";
import { Outbox } from "../src/outbox.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 10));
}

describe("Deliverer", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer;

  beforeEach(async () => {
    server = await startVerifyingServer();
    outbox = new Outbox(await mkdtemp(join(tmpdir(), "stepcord-outbox-")));
    await outbox.init();
    deliverer = new Deliverer({
      outbox,
      endpoint: server.url,
      credentials: TEST_CREDENTIALS,
      region: "eu-west-1",
      logger: pino({ level: "silent" }),
      now: Date.now,
      sleep: async () => undefined,
    });
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
