import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { VoiceEventBatch } from "@stepcord/events";

/**
 * A durable outbox: one file per batch, written to a temp name, fsync'd by writeFile's flush and
 * renamed into place, so a SIGKILL leaves either the whole batch or nothing. Files sort by
 * enqueue order; the batch id is kept so a resend after a crash is detectable downstream.
 *
 * The directory is read once, at init; afterwards this process is its only writer, so an in-memory index of names
 * (and the text of batches it wrote and has not sent yet) answers `list` and `read` without touching the disk: the
 * only disk work per batch is the durable write and the removal.
 */
export class Outbox {
  readonly dir: string;
  private counter = 0;
  private readonly names = new Set<string>();
  private readonly unsent = new Map<string, string>();

  constructor(dir: string) {
    this.dir = dir;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.names.clear();
    this.unsent.clear();
    for (const f of await readdir(this.dir)) {
      if (f.endsWith(".tmp")) await rm(join(this.dir, f), { force: true });
      else if (f.endsWith(".json")) this.names.add(f);
    }
  }

  async put(batch: VoiceEventBatch, nowMs: number): Promise<string> {
    this.counter += 1;
    const name = `${String(nowMs).padStart(15, "0")}-${String(this.counter).padStart(6, "0")}-${batch.batchId}.json`;
    const tmp = join(this.dir, `${name}.tmp`);
    const text = JSON.stringify(batch);
    await writeFile(tmp, text, { flush: true });
    await rename(tmp, join(this.dir, name));
    this.names.add(name);
    this.unsent.set(name, text);
    return name;
  }

  /** Queued batch names, oldest first. */
  async list(): Promise<string[]> {
    return [...this.names].sort();
  }

  async read(name: string): Promise<string> {
    return this.unsent.get(name) ?? readFile(join(this.dir, name), "utf8");
  }

  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true });
    this.names.delete(name);
    this.unsent.delete(name);
  }

  /** Moves a batch the endpoint refused for good (4xx) aside so it stops blocking the queue. */
  async reject(name: string): Promise<void> {
    await mkdir(join(this.dir, "rejected"), { recursive: true });
    await rename(join(this.dir, name), join(this.dir, "rejected", name));
    this.names.delete(name);
    this.unsent.delete(name);
  }
}
