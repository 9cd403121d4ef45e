import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import pino from "pino";
import { type DeliveryPipeline, startDelivery } from "../../src/delivery/delivery-pipeline.js";
import { Destinations } from "../../src/delivery/destinations.js";
import type { VoiceCheckpoint } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { failingFs } from "../support/failing-fs.js";
import { freshJoin } from "../support/fresh-events.js";
import { manualWaits } from "../support/manual-waits.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "../support/verifying-server.js";

/**
 * Issue 13 (decision 0044's open end): a batch whose first outbox write failed was lost, and the guild's next landed
 * checkpoint moved the voice snapshot past its change, so a restart did not report it either.
 */
describe("the delivery pipeline when a batch file cannot be written at first", () => {
  let server: VerifyingServer;
  let pipeline: DeliveryPipeline | undefined;

  beforeEach(async () => {
    server = await startVerifyingServer();
  });
  afterEach(async () => {
    await pipeline?.stop();
    pipeline = undefined;
    await server.close();
  });

  /** A pipeline whose batch files fail `times` writes; `landed` lists the voice checkpoints it said had landed. */
  const start = async (times: number) => {
    const { fs, state } = failingFs({
      write: (path) => path.endsWith(".tmp") && !path.includes("voice"),
      times,
    });
    const waits = manualWaits();
    const landed: number[] = [];
    let seq = 0;
    pipeline = await startDelivery({
      endpoint: server.url,
      credentials: TEST_CREDENTIALS,
      region: "eu-west-1",
      outboxDir: await mkdtemp(join(tmpdir(), "stepcord-pipeline-")),
      windowMs: 0,
      quietFor: () => false,
      destinations: new Destinations(undefined),
      logger: pino({ level: process.env.TEST_LOG ?? "silent" }),
      now: () => performance.now(),
      outboxFs: fs,
      outboxWait: waits.wait,
    });
    pipeline.connectVoice<VoiceCheckpoint>({
      voiceOf: (guildId) => {
        seq += 1;
        return { guildId, seq, atMs: 0, members: [] };
      },
      landed: (checkpoint) => landed.push(checkpoint.seq ?? 0),
      settle: async () => {},
    });
    return { pipeline, state, waits, landed };
  };

  it("delivers the batch once its file lands after failed writes", async () => {
    const { pipeline, waits } = await start(2);
    const join = freshJoin();
    pipeline.add(join);
    await until(() => waits.pending() === 1);
    waits.endAll();
    await until(() => waits.pending() === 1);
    waits.endAll();
    await until(() => server.received.length === 1);
    expect(server.received[0]?.events.map((e) => e.id)).to.deep.equal([join.id]);
  });

  it("lands no later checkpoint of the guild before the failed batch's file", async () => {
    const { pipeline, waits, landed } = await start(1);
    pipeline.add(freshJoin());
    await until(() => waits.pending() === 1);
    pipeline.add(freshJoin());
    let durable = false;
    const written = pipeline.durable().then(() => (durable = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(landed, "a checkpoint landed past the batch whose write failed").to.deep.equal([]);
    expect(durable, "durable() settled before the batch landed").to.equal(false);
    waits.endAll();
    await written;
    expect(landed).to.deep.equal([1, 2]);
  });

  it("says why it is unhealthy while the file cannot be written, and stops saying so once it lands", async () => {
    const { pipeline, waits } = await start(1);
    expect(pipeline.writeTrouble()).to.equal(undefined);
    pipeline.add(freshJoin());
    await until(() => waits.pending() === 1);
    expect(pipeline.writeTrouble()).to.match(/EIO/);
    waits.endAll();
    await until(() => server.received.length === 1);
    expect(pipeline.writeTrouble()).to.equal(undefined);
  });
});
