import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { failingFs } from "../support/failing-fs.js";
import { freshBatch } from "../support/fresh-events.js";
import { manualWaits } from "../support/manual-waits.js";

const jsonFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();

/** An outbox whose writes of files holding `batchId` fail `times` times (EIO, as a failing disk answers). */
async function failingOutbox(batchId: string, times: number) {
  const { fs, state } = failingFs({ write: (_path, text) => text.includes(batchId), times });
  const waits = manualWaits();
  const outbox = new Outbox(await mkdtemp(join(tmpdir(), "stepcord-retry-")), { fs, wait: waits.wait });
  await outbox.init();
  return { outbox, state, waits };
}

/** Issue 13: a batch whose first write fails must not be lost; it is written again until it lands. */
describe("Outbox when a batch's first write fails", () => {
  it("keeps the batch and writes it again, backing off, until its file lands", async () => {
    const batch = freshBatch(2);
    const { outbox, state, waits } = await failingOutbox(batch.batchId, 2);
    const put = outbox.put(batch, 1);
    await until(() => waits.pending() === 1);
    expect(state.failed).to.equal(1);
    expect(outbox.size, "still queued while it cannot be written").to.equal(1);
    waits.endAll();
    await until(() => waits.pending() === 1);
    expect(waits.asked[1], "the second wait is longer").to.be.greaterThan(
      waits.asked[0] ?? Number.POSITIVE_INFINITY,
    );
    waits.endAll();
    const name = await put;
    expect(await jsonFiles(outbox.dir)).to.deep.equal([name]);
    expect((await outbox.list()).map((e) => e.batch.batchId)).to.deep.equal([batch.batchId]);
  });

  it("holds allWritten, which checkpoints wait for, until the failed write lands", async () => {
    const batch = freshBatch(1);
    const { outbox, waits } = await failingOutbox(batch.batchId, 1);
    const put = outbox.put(batch, 1);
    await until(() => waits.pending() === 1);
    let written = false;
    const all = outbox.allWritten().then(() => (written = true));
    await new Promise((r) => setImmediate(r));
    expect(written, "settled before the batch's file landed").to.equal(false);
    waits.endAll();
    await put;
    await all;
    expect(written).to.equal(true);
  });

  it("lands a guild's later batch only after the one whose write failed", async () => {
    const first = freshBatch(1);
    const { outbox, waits } = await failingOutbox(first.batchId, 1);
    const firstPut = outbox.put(first, 1);
    const second = freshBatch(1);
    let secondLanded = false;
    const secondPut = outbox.put(second, 2).then((name) => {
      secondLanded = true;
      return name;
    });
    await until(() => waits.pending() === 1);
    await new Promise((r) => setImmediate(r));
    expect(secondLanded, "a later batch landed before the one that failed").to.equal(false);
    expect(await jsonFiles(outbox.dir)).to.deep.equal([]);
    waits.endAll();
    await Promise.all([firstPut, secondPut]);
    expect(await jsonFiles(outbox.dir)).to.have.length(2);
  });

  it("says what it cannot write while it cannot, and nothing once the write lands", async () => {
    const batch = freshBatch(1);
    const { outbox, waits } = await failingOutbox(batch.batchId, 1);
    expect(outbox.writeTrouble()).to.equal(undefined);
    const put = outbox.put(batch, 1);
    await until(() => waits.pending() === 1);
    expect(outbox.writeTrouble()).to.include("EIO").and.include(outbox.dir);
    waits.endAll();
    await put;
    expect(outbox.writeTrouble()).to.equal(undefined);
  });

  it("gives up retrying once closed, so a shutdown on a broken disk ends", async () => {
    const batch = freshBatch(1);
    const { outbox, waits } = await failingOutbox(batch.batchId, 100);
    const put = outbox.put(batch, 1).then(
      () => undefined,
      (error: unknown) => error,
    );
    await until(() => waits.pending() === 1);
    outbox.close();
    waits.endAll();
    expect(await put).to.have.property("code", "EIO");
  });
});
