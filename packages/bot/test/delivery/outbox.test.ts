import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { Outbox } from "../../src/delivery/outbox.js";
import { freshBatch } from "../support/fresh-events.js";

const jsonFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();

async function openOutbox(dir?: string): Promise<Outbox> {
  const outbox = new Outbox(dir ?? (await mkdtemp(join(tmpdir(), "stepcord-outbox-"))));
  await outbox.init();
  return outbox;
}

describe("Outbox", () => {
  it("lists what an earlier process left on disk, oldest first, and drops its half-written temp files", async () => {
    const first = await openOutbox();
    const a = await first.put(freshBatch(), 1);
    const b = await first.put(freshBatch(1, undefined, true), 2);
    await writeFile(join(first.dir, "000000000000003-000001-x.json.tmp"), "{");

    const restarted = await openOutbox(first.dir);
    const listed = await restarted.list();
    expect(listed.map((e) => e.name)).to.deep.equal([a, b]);
    expect(listed[1]?.batch.quiet).to.equal(true);
    expect((await readdir(first.dir)).filter((f) => f.endsWith(".tmp"))).to.deep.equal([]);
  });

  it("takes a file never marked sent as never sent after a restart, and one marked sent as of unknown outcome", async () => {
    const first = await openOutbox();
    await first.put(freshBatch(), 1);
    await first.put(freshBatch(), 2);
    const [sending] = await first.list();
    if (sending === undefined) throw new Error("no entry");
    await first.prepareSend(sending);
    const restarted = await openOutbox(first.dir);
    expect((await restarted.list()).map((e) => e.sent)).to.deep.equal(["unknown", "never"]);
  });

  it("reads a bare batch file as versions before the envelope wrote them", async () => {
    const outbox = await openOutbox();
    const batch = freshBatch();
    await writeFile(join(outbox.dir, `000000000000001-000001-${batch.batchId}.json`), JSON.stringify(batch));
    await outbox.init();
    expect((await outbox.list())[0]?.batch).to.deep.equal(batch);
    expect((await outbox.list())[0]?.sent).to.equal("unknown"); // it kept no mark, so it may have been sent
  });

  it("forgets removed batches in memory and on disk", async () => {
    const outbox = await openOutbox();
    const a = await outbox.put(freshBatch(), 1);
    await outbox.remove(a);
    expect(await outbox.list()).to.deep.equal([]);
    expect(await jsonFiles(outbox.dir)).to.deep.equal([]);
  });

  it("moves a rejected batch to rejected/ and a parked one to parked/, each file with its cause", async () => {
    const outbox = await openOutbox();
    const a = await outbox.put(freshBatch(), 1);
    const b = await outbox.put(freshBatch(), 2);
    await outbox.reject(a, "Stepcord.InvalidInput: bad", 10);
    await outbox.park(b, 10015, '{"code":10015}', 11);
    expect(outbox.size).to.equal(0);
    expect(await jsonFiles(outbox.dir)).to.deep.equal([]);
    const rejected = JSON.parse(await readFile(join(outbox.dir, "rejected", a), "utf8"));
    const parked = JSON.parse(await readFile(join(outbox.dir, "parked", b), "utf8"));
    expect(rejected.rejected.cause).to.equal("Stepcord.InvalidInput: bad");
    expect(parked.parked).to.deep.equal({ code: 10015, cause: '{"code":10015}', atMs: 11 });
  });

  it("lists a batch at once and, removed before its durable write lands, leaves no file to resend", async () => {
    const outbox = await openOutbox();
    const written = outbox.put(freshBatch(), 1);
    const [entry] = await outbox.list();
    await outbox.remove(entry?.name ?? "");
    expect(await written).to.equal(entry?.name);
    expect(await readdir(outbox.dir)).to.deep.equal([]);
  });

  it("merges later batches into the head's file under the head's batch id and deletes theirs", async () => {
    const outbox = await openOutbox();
    const head = freshBatch(2);
    await outbox.put(head, 1);
    await outbox.put(freshBatch(3), 2);
    await outbox.put(freshBatch(1), 3);
    const [first, ...rest] = await outbox.list();
    if (first === undefined) throw new Error("no head");
    await outbox.prepareSend(first, rest);
    const files = await jsonFiles(outbox.dir);
    expect(files).to.have.length(1);
    const onDisk = JSON.parse(await readFile(join(outbox.dir, files[0] ?? ""), "utf8"));
    expect(onDisk.batch.batchId).to.equal(head.batchId);
    expect(onDisk.batch.events).to.have.length(6);
    expect(outbox.size).to.equal(1);
  });

  it("deletes at start a file whose events a merge already put into an older file (a crash before the delete)", async () => {
    const outbox = await openOutbox();
    await outbox.put(freshBatch(1), 1);
    const later = freshBatch(1);
    const laterName = await outbox.put(later, 2);
    const [first, second] = await outbox.list();
    if (first === undefined || second === undefined) throw new Error("two entries expected");
    const laterText = await readFile(join(outbox.dir, laterName), "utf8");
    await outbox.prepareSend(first, [second]);
    await writeFile(join(outbox.dir, laterName), laterText); // as if the process died before deleting it

    const restarted = await openOutbox(outbox.dir);
    const listed = await restarted.list();
    expect(listed.map((e) => e.batch.events.length)).to.deep.equal([2]);
    expect(await jsonFiles(outbox.dir)).to.have.length(1);
  });

  it("keeps at start only the events a partial merge had not yet moved out of a file", async () => {
    const outbox = await openOutbox();
    await outbox.put(freshBatch(1), 1);
    const laterName = await outbox.put(freshBatch(3), 2);
    const [first, second] = await outbox.list();
    if (first === undefined || second === undefined) throw new Error("two entries expected");
    const laterText = await readFile(join(outbox.dir, laterName), "utf8");
    await outbox.prepareSend(first, [], { entry: second, count: 2 });
    await writeFile(join(outbox.dir, laterName), laterText); // as if the process died before rewriting it

    const restarted = await openOutbox(outbox.dir);
    expect((await restarted.list()).map((e) => e.batch.events.length)).to.deep.equal([3, 1]);
  });

  it("answers the newest voice checkpoint each guild's batches carry", async () => {
    const outbox = await openOutbox();
    await outbox.put(freshBatch(1, "100000000000000011"), 1, {
      guildId: "100000000000000011",
      atMs: 5,
      members: [],
    });
    await outbox.put(freshBatch(1, "100000000000000011"), 2, {
      guildId: "100000000000000011",
      atMs: 7,
      members: [{ a: 1 }],
    });
    await outbox.put(freshBatch(1, "100000000000000012"), 3, {
      guildId: "100000000000000012",
      atMs: 6,
      members: [],
    });
    const checkpoints = outbox.voiceCheckpoints();
    expect(checkpoints.get("100000000000000011")?.atMs).to.equal(7);
    expect(checkpoints.get("100000000000000012")?.atMs).to.equal(6);
  });
});
