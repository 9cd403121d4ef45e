import { expect } from "chai";
import {
  DISCORD_IDENTIFY_WINDOW_MS,
  IDENTIFY_SLOT_MS,
  nextIdentifySlot,
  SlotIdentifyThrottler,
} from "../../src/gateway/identify-slots.js";

/** When each shard of `ids` identifies if asked at `now`, as epoch ms. */
function slotsOf(ids: number[], shardCount: number, maxConcurrency: number, now: number) {
  return ids.map((shardId) => ({
    shardId,
    ...nextIdentifySlot({ shardId, shardCount, maxConcurrency, now }),
  }));
}

describe("nextIdentifySlot", () => {
  it("never gives two shards of one rate-limit key (shard_id % max_concurrency) the same window, whenever each task asks", () => {
    // Two tasks of one bot: shards 0-3 asked at one moment, 4-7 at another, as ECS starts them.
    for (const maxConcurrency of [1, 2, 16])
      for (const [startA, startB] of [
        [0, 0],
        [1_700_000_000_123, 1_700_000_004_000],
      ]) {
        const slots = [
          ...slotsOf([0, 1, 2, 3], 8, maxConcurrency, startA ?? 0),
          ...slotsOf([4, 5, 6, 7], 8, maxConcurrency, startB ?? 0),
        ];
        for (const a of slots)
          for (const b of slots)
            if (a.shardId < b.shardId && a.shardId % maxConcurrency === b.shardId % maxConcurrency)
              expect(
                Math.abs(a.at - b.at),
                `shards ${a.shardId} and ${b.shardId}, max_concurrency ${maxConcurrency}`,
              ).to.be.at.least(IDENTIFY_SLOT_MS);
      }
  });

  it("leaves more than Discord's 5 s between two windows", () => {
    expect(IDENTIFY_SLOT_MS).to.be.above(DISCORD_IDENTIFY_WINDOW_MS);
  });

  it("lets shards of different keys identify in the same window", () => {
    const [zero, one] = slotsOf([0, 1], 2, 2, 0);
    expect(zero?.at).to.equal(one?.at);
  });

  it("starts a slot on a window boundary at or after now, within one turn of the schedule", () => {
    const now = 1_700_000_000_123;
    for (const { at } of slotsOf([0, 1, 2, 3], 4, 1, now)) {
      expect(at % IDENTIFY_SLOT_MS).to.equal(0);
      expect(at)
        .to.be.at.least(now)
        .and.below(now + 4 * IDENTIFY_SLOT_MS);
    }
  });

  it("gives a shard asking again a later window than its last", () => {
    const first = nextIdentifySlot({ shardId: 0, shardCount: 1, maxConcurrency: 1, now: 0 });
    const again = nextIdentifySlot({
      shardId: 0,
      shardCount: 1,
      maxConcurrency: 1,
      now: 0,
      after: first.window,
    });
    expect(again.at - first.at).to.equal(IDENTIFY_SLOT_MS);
  });
});

describe("SlotIdentifyThrottler", () => {
  it("sleeps until the shard's slot", async () => {
    const slept: number[] = [];
    const throttler = new SlotIdentifyThrottler({
      shardCount: 2,
      maxConcurrency: 1,
      now: () => 1_000,
      sleep: async (ms) => void slept.push(ms),
    });
    await throttler.waitForIdentify(1, new AbortController().signal);
    expect(slept).to.deep.equal([IDENTIFY_SLOT_MS - 1_000]);
  });
});
