import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVoiceEventBatch, type VoiceEventBatch } from "@stepcord/events";
import { expect } from "chai";
import pino from "pino";
import { Deliverer } from "../../src/delivery/deliverer.js";
import { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { freshJoin } from "../support/fresh-events.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "../support/verifying-server.js";

const STAGE = "200000000000000099";

/** `n` fresh joins of the fixture guild into `channelId`. */
function joinsInto(channelId: string, n: number): VoiceEventBatch {
  const events = Array.from({ length: n }, () => {
    const event = freshJoin();
    return { ...event, channel: { ...event.channel, id: channelId } };
  });
  return createVoiceEventBatch({ events, quiet: false });
}

describe("Deliverer lanes", () => {
  it("merges never-sent batches of one guild only within a lane, so a message never mixes destinations", async () => {
    const server = await startVerifyingServer();
    const outbox = new Outbox(await mkdtemp(join(tmpdir(), "stepcord-outbox-")));
    await outbox.init();
    const lounge = joinsInto("200000000000000001", 2);
    const stage = joinsInto(STAGE, 2);
    const loungeAgain = joinsInto("200000000000000001", 1);
    await Promise.all([outbox.put(lounge, 1), outbox.put(stage, 2), outbox.put(loungeAgain, 3)]);
    const deliverer = new Deliverer({
      outbox,
      endpoint: server.url,
      credentials: TEST_CREDENTIALS,
      region: "eu-west-1",
      logger: pino({ level: "silent" }),
      now: Date.now,
      laneOf: (batch) => (batch.events[0]?.channel.id === STAGE ? "stage" : "server"),
    });
    deliverer.start();
    try {
      await until(() => server.received.flatMap((b) => b.events).length === 5);
      expect(server.received.map((b) => b.events.map((e) => e.channel.id === STAGE))).to.deep.equal([
        [false, false, false],
        [true, true],
      ]);
    } finally {
      await deliverer.stop();
      await server.close();
    }
  });
});
