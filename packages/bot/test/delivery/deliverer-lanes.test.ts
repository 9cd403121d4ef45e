import { createVoiceEventBatch, type VoiceEventBatch } from "@stepcord/events";
import { expect } from "chai";
import { until } from "../support/bot-fixture.js";
import { delivererTo, emptyOutbox } from "../support/deliverer-rig.js";
import { freshJoin } from "../support/fresh-events.js";
import { startVerifyingServer } from "../support/verifying-server.js";

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
    const outbox = await emptyOutbox("outbox");
    const lounge = joinsInto("200000000000000001", 2);
    const stage = joinsInto(STAGE, 2);
    const loungeAgain = joinsInto("200000000000000001", 1);
    await Promise.all([outbox.put(lounge, 1), outbox.put(stage, 2), outbox.put(loungeAgain, 3)]);
    const deliverer = delivererTo(server, {
      outbox,
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
