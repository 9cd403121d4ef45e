import { joinEvent, type VoiceEventBatch } from "@stepcord/events";
import { expect } from "chai";
import { Batcher } from "../../src/delivery/batcher.js";

describe("Batcher", () => {
  it("splits 23 coalesced events into batches of 10, 10 and 3 with one quiet flag", async () => {
    const out: VoiceEventBatch[] = [];
    const batcher = new Batcher(
      60_000,
      () => true,
      async (b) => void out.push(...b),
    );
    for (let i = 0; i < 23; i++) batcher.add(joinEvent);
    await batcher.flush();
    expect(out.map((b) => b.events.length)).to.deep.equal([10, 10, 3]);
    expect(out.every((b) => b.quiet)).to.equal(true);
  });
});
