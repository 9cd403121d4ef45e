import { readFileSync, writeFileSync } from "node:fs";
import { fixtureBatches, joinEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { SUPPRESS_NOTIFICATIONS_FLAG } from "../src/index.js";
import { runNotifier } from "./support/run-notifier.js";

const goldenPath = (name: string) => new URL(`./golden/${name}.golden.json`, import.meta.url);
// Set UPDATE_GOLDEN=1 to rewrite the files after a deliberate change to the message, then review the diff.
const update = process.env.UPDATE_GOLDEN === "1";

describe("the notifier's Discord message", () => {
  for (const [name, batch] of Object.entries(fixtureBatches)) {
    it(`matches the golden message for the ${name} batch`, async () => {
      const { calls } = await runNotifier(batch);
      expect(calls).to.have.length(1);
      const body = calls[0]?.RequestBody;
      if (update) writeFileSync(goldenPath(name), `${JSON.stringify(body, null, 2)}\n`);
      expect(body).to.deep.equal(JSON.parse(readFileSync(goldenPath(name), "utf8")));
    });
  }

  it("never lets a message ping anyone", async () => {
    for (const batch of Object.values(fixtureBatches)) {
      const { calls } = await runNotifier(batch);
      expect(calls[0]?.RequestBody.allowed_mentions).to.deep.equal({ parse: [] });
    }
  });

  it("sets SUPPRESS_NOTIFICATIONS only in quiet hours", async () => {
    const quiet = await runNotifier(fixtureBatches.quiet);
    const loud = await runNotifier(fixtureBatches.join);
    expect(quiet.calls[0]?.RequestBody.flags).to.equal(SUPPRESS_NOTIFICATIONS_FLAG);
    expect(loud.calls[0]?.RequestBody).not.to.have.property("flags");
  });

  it("puts no display name into the message, so markdown or @everyone in a name cannot act", async () => {
    const { calls } = await runNotifier(fixtureBatches.batch);
    const text = JSON.stringify(calls[0]?.RequestBody);
    expect(text).not.to.include("mal");
    expect(text).not.to.include("@everyone");
  });

  it("builds one embed per event, in order, for a full batch of ten", async () => {
    const events = Array.from({ length: 10 }, (_, i) => ({
      ...joinEvent,
      id: `20000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      membersInChannel: i + 1,
    }));
    const { calls, output } = await runNotifier({ ...fixtureBatches.join, events });
    expect(calls[0]?.RequestBody.embeds.map((e) => (e.footer as { text: string }).text)).to.deep.equal(
      events.map((e) => `${e.membersInChannel} in the channel now`),
    );
    expect(output).to.deep.include({ events: 10, status: 200 });
  });

  it("returns only ids and counts, never names", async () => {
    const { output } = await runNotifier(fixtureBatches.move);
    expect(output).to.deep.equal({
      outcome: "delivered",
      batchId: fixtureBatches.move.batchId,
      events: 1,
      status: 200,
      messageId: "1300000000000000001",
    });
  });
});
