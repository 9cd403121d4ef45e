import { MAX_EVENTS_PER_BATCH, parseVoiceEventBatch } from "@stepcord/events";
import { expect } from "chai";
import { SMOKE_NOTE, smokeBatch } from "../src/index.js";

describe("smokeBatch", () => {
  const now = new Date("2026-12-07T06:00:00.000Z");

  it("is a valid batch by the events schema", () => {
    const batch = smokeBatch({ now });
    expect(parseVoiceEventBatch(JSON.parse(JSON.stringify(batch)))).to.deep.equal(batch);
    expect(batch.events.length).to.be.within(1, MAX_EVENTS_PER_BATCH);
  });

  it("is quiet, so the workflow posts it with SUPPRESS_NOTIFICATIONS", () => {
    expect(smokeBatch({ now }).quiet).to.equal(true);
  });

  it("says it is a deploy check that is safe to ignore, within the 40 characters a session text allows", () => {
    const [event] = smokeBatch({ now }).events;
    expect(event).to.include({ type: "leave" });
    expect(event?.type === "leave" && event.session?.text).to.equal(SMOKE_NOTE);
    expect(SMOKE_NOTE).to.match(/safe to ignore/);
    expect(SMOKE_NOTE.length).to.be.at.most(40);
  });

  it("names no real member or channel (all-zero snowflakes)", () => {
    const [event] = smokeBatch({ now }).events;
    expect([event?.user.id, event?.channel.id]).to.deep.equal(["000000000000000000", "000000000000000000"]);
  });

  it("gets a new batch id each time, so a retried smoke check is not taken for a duplicate", () => {
    expect(smokeBatch({ now }).batchId).to.not.equal(smokeBatch({ now }).batchId);
  });
});
