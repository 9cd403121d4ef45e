import { expect } from "chai";
import fc from "fast-check";
import { fixtureBatches, joinEvent } from "../src/fixtures.js";
import {
  createVoiceEventBatch,
  InvalidEventBatchError,
  MAX_EVENTS_PER_BATCH,
  parseVoiceEventBatch,
} from "../src/index.js";

describe("parseVoiceEventBatch", () => {
  it("accepts every fixture batch unchanged", () => {
    for (const batch of Object.values(fixtureBatches)) {
      expect(parseVoiceEventBatch(structuredClone(batch))).to.deep.equal(batch);
    }
  });

  it("lists every problem at once, each with the full field path", () => {
    const broken = structuredClone(fixtureBatches.batch) as Record<string, unknown> & { events: object[] };
    (broken.events[0] as { user: { id: string } }).user.id = "not-a-snowflake";
    (broken.events[1] as { type: string }).type = "teleport";
    broken.quiet = "yes";
    try {
      parseVoiceEventBatch(broken);
      expect.fail("the broken batch was accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(InvalidEventBatchError);
      const problems = (error as InvalidEventBatchError).problems.map((problem) => problem.path);
      expect(problems).to.include.members(["quiet", "events[0].user.id", "events[1].type"]);
      expect((error as Error).message)
        .to.contain("events[0].user.id")
        .and.to.contain("createVoiceEventBatch");
    }
  });

  it("refuses an empty batch and one of more than ten events", () => {
    expect(() => createVoiceEventBatch({ events: [] })).to.throw(InvalidEventBatchError, /events/);
    const eleven = Array.from({ length: MAX_EVENTS_PER_BATCH + 1 }, () => joinEvent);
    expect(() => createVoiceEventBatch({ events: eleven })).to.throw(InvalidEventBatchError, /events/);
  });

  it("refuses another contract version", () => {
    expect(() => parseVoiceEventBatch({ ...fixtureBatches.join, version: 2 })).to.throw(
      InvalidEventBatchError,
      /version/,
    );
  });

  it("refuses fields the contract does not name, so typos never pass silently", () => {
    const withExtra = { ...fixtureBatches.join, events: [{ ...joinEvent, channelId: "1" }] };
    expect(() => parseVoiceEventBatch(withExtra)).to.throw(InvalidEventBatchError, /channelId/);
  });

  it("requires the channel moved from on a move, and only there", () => {
    const { fromChannel: _dropped, ...moveWithoutFrom } = fixtureBatches.move.events[0] as Record<
      string,
      unknown
    >;
    expect(() => createVoiceEventBatch({ events: [moveWithoutFrom as never] })).to.throw(/fromChannel/);
    expect(() =>
      createVoiceEventBatch({ events: [{ ...joinEvent, fromChannel: joinEvent.channel } as never] }),
    ).to.throw(/fromChannel/);
  });
});

describe("createVoiceEventBatch", () => {
  it("gives every batch a fresh id and defaults quiet to false", () => {
    const ids = new Set(
      Array.from({ length: 50 }, () => createVoiceEventBatch({ events: [joinEvent] })).map((b) => b.batchId),
    );
    expect(ids.size).to.equal(50);
    expect(createVoiceEventBatch({ events: [joinEvent] }).quiet).to.equal(false);
  });

  it("keeps any number of events from one to ten", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_EVENTS_PER_BATCH }), (count) => {
        const batch = createVoiceEventBatch({ events: Array.from({ length: count }, () => joinEvent) });
        return batch.events.length === count;
      }),
    );
  });
});
