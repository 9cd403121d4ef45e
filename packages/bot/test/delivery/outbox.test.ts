import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createVoiceEventBatch } from "@stepcord/events";
import { joinEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { Outbox } from "../../src/delivery/outbox.js";

describe("Outbox", () => {
  it("lists what an earlier process left on disk, oldest first, and drops its half-written temp files", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stepcord-outbox-"));
    const first = new Outbox(dir);
    await first.init();
    const a = await first.put(createVoiceEventBatch({ events: [joinEvent], quiet: false }), 1);
    const b = await first.put(createVoiceEventBatch({ events: [joinEvent], quiet: true }), 2);
    await writeFile(join(dir, "000000000000003-000001-x.json.tmp"), "{");

    const restarted = new Outbox(dir);
    await restarted.init();
    expect(await restarted.list()).to.deep.equal([a, b]);
    expect(JSON.parse(await restarted.read(b)).quiet).to.equal(true);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).to.deep.equal([]);
  });

  it("forgets removed and rejected batches in memory and on disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stepcord-outbox-"));
    const outbox = new Outbox(dir);
    await outbox.init();
    const a = await outbox.put(createVoiceEventBatch({ events: [joinEvent], quiet: false }), 1);
    const b = await outbox.put(createVoiceEventBatch({ events: [joinEvent], quiet: false }), 2);
    await outbox.remove(a);
    await outbox.reject(b);
    expect(await outbox.list()).to.deep.equal([]);
    expect((await readdir(dir)).filter((f) => f.endsWith(".json"))).to.deep.equal([]);
    expect(await readdir(join(dir, "rejected"))).to.deep.equal([b]);
  });

  it("lists a batch at once and, removed before its durable write lands, leaves no file to resend", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stepcord-outbox-"));
    const outbox = new Outbox(dir);
    await outbox.init();
    const written = outbox.put(createVoiceEventBatch({ events: [joinEvent], quiet: false }), 1);
    const [name] = await outbox.list();
    expect(name).to.be.a("string");
    await outbox.remove(name ?? "");
    expect(await written).to.equal(name);
    expect(await readdir(dir)).to.deep.equal([]);
  });
});
