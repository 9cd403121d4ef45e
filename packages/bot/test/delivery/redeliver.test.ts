import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Outbox } from "../../src/delivery/outbox.js";
import { redeliverParked } from "../../src/delivery/redeliver.js";
import { freshBatch } from "../support/fresh-events.js";

describe("redeliverParked", () => {
  it("puts parked batches back into the outbox with their names and batch ids, for the next start to send", async () => {
    const outbox = new Outbox(await mkdtemp(join(tmpdir(), "stepcord-redeliver-")));
    await outbox.init();
    const batch = freshBatch(2);
    const name = await outbox.put(batch, 1);
    await outbox.park(name, 10015, '{"code":10015}', 2);

    expect(await redeliverParked(outbox.dir)).to.deep.equal([name]);
    expect(await readdir(join(outbox.dir, "parked"))).to.deep.equal([]);
    const restarted = new Outbox(outbox.dir);
    await restarted.init();
    const [entry] = await restarted.list();
    expect(entry?.name).to.equal(name);
    expect(entry?.batch).to.deep.equal(batch);
  });

  it("moves nothing, and says so, when no batch was ever parked", async () => {
    expect(await redeliverParked(await mkdtemp(join(tmpdir(), "stepcord-redeliver-")))).to.deep.equal([]);
  });
});
