import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { VoiceEventBatch } from "@stepcord/events";

/**
 * A durable outbox: one file per batch, written to a temp name, fsync'd by writeFile's flush and
 * renamed into place, so a SIGKILL leaves either the whole batch or nothing. Files sort by
 * enqueue order; the batch id is kept so a resend after a crash is detectable downstream.
 */
export class Outbox {
  readonly dir: string;
  private counter = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const f of await readdir(this.dir))
      if (f.endsWith(".tmp")) await rm(join(this.dir, f), { force: true });
  }

  async put(batch: VoiceEventBatch, nowMs: number): Promise<string> {
    this.counter += 1;
    const name = `${String(nowMs).padStart(15, "0")}-${String(this.counter).padStart(6, "0")}-${batch.batchId}.json`;
    const tmp = join(this.dir, `${name}.tmp`);
    await writeFile(tmp, JSON.stringify(batch), { flush: true });
    await rename(tmp, join(this.dir, name));
    return name;
  }

  async list(): Promise<string[]> {
    return (await readdir(this.dir)).filter((f) => f.endsWith(".json")).sort();
  }

  async read(name: string): Promise<string> {
    return readFile(join(this.dir, name), "utf8");
  }

  async remove(name: string): Promise<void> {
    await rm(join(this.dir, name), { force: true });
  }

  /** Moves a batch the endpoint refused for good (4xx) aside so it stops blocking the queue. */
  async reject(name: string): Promise<void> {
    await mkdir(join(this.dir, "rejected"), { recursive: true });
    await rename(join(this.dir, name), join(this.dir, "rejected", name));
  }
}
