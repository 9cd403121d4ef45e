import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Outbox, type OutboxEntry, type OutboxFs } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { delivererTo } from "../support/deliverer-rig.js";
import { failingFs } from "../support/failing-fs.js";
import { freshBatch } from "../support/fresh-events.js";
import { startVerifyingServer } from "../support/verifying-server.js";

const jsonFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
/** The head's rewrite for its first POST is the write that marks it sent. */
const markingSent = (_path: string, text: string) => text.includes('"sent":true');

async function outboxWith(fs: OutboxFs, dir?: string): Promise<Outbox> {
  const outbox = new Outbox(dir ?? (await mkdtemp(join(tmpdir(), "stepcord-merge-"))), { fs });
  await outbox.init();
  return outbox;
}

/** Three one-guild batches never sent, as a raid leaves them: the head and two to merge into it. */
async function threeQueued(outbox: Outbox): Promise<[OutboxEntry, OutboxEntry, OutboxEntry]> {
  await outbox.put(freshBatch(2), 1);
  await outbox.put(freshBatch(3), 2);
  await outbox.put(freshBatch(1), 3);
  const [head, second, third] = await outbox.list();
  if (head === undefined || second === undefined || third === undefined)
    throw new Error("three entries expected");
  return [head, second, third];
}

describe("Outbox when a merge's write fails", () => {
  it("leaves the head, the batches it was to absorb and every file as they were when the head's write fails", async () => {
    const { fs, state } = failingFs({ write: markingSent });
    const outbox = await outboxWith(fs);
    const [head, second, third] = await threeQueued(outbox);

    const error = await outbox.prepareSend(head, [second, third]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(state.failed).to.equal(1);
    expect(error).to.have.property("code", "EIO");
    const listed = await outbox.list();
    expect(listed.map((e) => e.batch.events.length)).to.deep.equal([2, 3, 1]);
    expect(head.sentOnDisk).to.equal(false);
    expect(await jsonFiles(outbox.dir)).to.have.length(3);
    const restarted = await outboxWith(fs, outbox.dir);
    expect((await restarted.list()).map((e) => [e.batch.events.length, e.sent])).to.deep.equal([
      [2, "never"],
      [3, "never"],
      [1, "never"],
    ]);
  });

  it("leaves a split batch whole when the head's write fails", async () => {
    const { fs } = failingFs({ write: markingSent });
    const outbox = await outboxWith(fs);
    const [head, second] = await threeQueued(outbox);
    await outbox.prepareSend(head, [], { entry: second, count: 2 }).catch(() => undefined);
    expect((await outbox.list()).map((e) => e.batch.events.length)).to.deep.equal([2, 3, 1]);
  });

  it("deletes an absorbed file it could not delete before the head may be sent", async () => {
    const { fs, state } = failingFs({ unlink: () => true });
    const outbox = await outboxWith(fs);
    const [head, second] = await threeQueued(outbox);
    await outbox.prepareSend(head, [second]).catch(() => undefined);
    expect(state.failed).to.equal(1);
    await outbox.prepareSend(head);
    // Delivered: once the head's file goes, an absorbed file left behind would be posted again after a restart.
    await outbox.remove(head.name);
    const restarted = await outboxWith(fs, outbox.dir);
    expect((await restarted.list()).map((e) => [e.batch.events.length, e.sent])).to.deep.equal([
      [1, "never"],
    ]);
  });
});

describe("Deliverer after a failed merge write", () => {
  it("posts only what the head's file holds, and a restart finds no absorbed batch to post again", async () => {
    const server = await startVerifyingServer();
    const { fs, state } = failingFs({ write: markingSent });
    const outbox = await outboxWith(fs);
    const batches = [freshBatch(2), freshBatch(3)];
    for (const [i, batch] of batches.entries()) await outbox.put(batch, i);
    const deliverer = delivererTo(server, {
      outbox,
      // A real monotonic clock: the retry after the failed write waits out its back-off on it (decision 0045).
      now: () => performance.now(),
    });
    try {
      deliverer.start();
      await until(() => outbox.size === 0);
      await deliverer.stop();
      expect(state.failed).to.equal(1);
      const sent = server.received.flatMap((b) => b.events.map((e) => e.id));
      expect(sent).to.deep.equal(batches.flatMap((b) => b.events.map((e) => e.id)));
      const restarted = await outboxWith(fs, outbox.dir);
      expect(await restarted.list()).to.deep.equal([]);
    } finally {
      await deliverer.stop();
      await server.close();
    }
  });
});
