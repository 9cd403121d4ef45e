import { rename as renameCallback, unlink as unlinkCallback, writeFile as writeFileCallback } from "node:fs";
import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
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
  /** Durable writes still in progress, by name: removal waits for them, so no file outlives its delivery. */
  private readonly writing = new Map<string, Promise<void>>();

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

  /**
   * Queues a batch. It is listed (and can be sent) at once, while its durable write completes; the returned promise
   * settles when the batch is on disk. A crash before that loses the batch only if it was not delivered yet, the same
   * exposure as events still inside the batching window; removal waits for the write, so a delivered batch never
   * lingers on disk to be sent again.
   */
  put(batch: VoiceEventBatch, nowMs: number): Promise<string> {
    this.counter += 1;
    const name = `${String(nowMs).padStart(15, "0")}-${String(this.counter).padStart(6, "0")}-${batch.batchId}.json`;
    const tmp = join(this.dir, `${name}.tmp`);
    const text = JSON.stringify(batch);
    this.names.add(name);
    this.unsent.set(name, text);
    const write = durableWrite(tmp, join(this.dir, name), text);
    this.writing.set(name, write);
    return write.then(
      () => {
        this.writing.delete(name);
        return name;
      },
      (error: unknown) => {
        this.writing.delete(name);
        this.names.delete(name);
        this.unsent.delete(name);
        throw error;
      },
    );
  }

  /** How many batches are queued: the files on disk plus those whose durable write is under way. */
  get size(): number {
    return this.names.size;
  }

  /** Queued batch names, oldest first. */
  async list(): Promise<string[]> {
    return [...this.names].sort();
  }

  async read(name: string): Promise<string> {
    return this.unsent.get(name) ?? readFile(join(this.dir, name), "utf8");
  }

  /** Forgets a delivered batch at once (it is no longer listed), then deletes its file once its write has landed. */
  async remove(name: string): Promise<void> {
    this.names.delete(name);
    this.unsent.delete(name);
    await this.writing.get(name)?.catch(() => undefined);
    // unlink, not rm({force}): rm stats the path first, one more round trip per delivered batch.
    await new Promise<void>((resolve, reject) =>
      unlinkCallback(join(this.dir, name), (error) =>
        error && error.code !== "ENOENT" ? reject(error) : resolve(),
      ),
    );
  }

  /** Moves a batch the endpoint refused for good (4xx) aside so it stops blocking the queue. */
  async reject(name: string): Promise<void> {
    await this.writing.get(name)?.catch(() => undefined);
    await mkdir(join(this.dir, "rejected"), { recursive: true });
    await rename(join(this.dir, name), join(this.dir, "rejected", name));
    this.names.delete(name);
    this.unsent.delete(name);
  }
}

/**
 * Writes `text` to `tmp` with an fsync (writeFile's `flush`), then renames it to `path`. Callback fs, not fs/promises:
 * the promise API allocates a FileHandle and a promise per step (open, write, sync, close), which cost about 0.1 ms of
 * main-thread time per batch in bench/bot-overhead.ts; this chain settles one promise.
 */
function durableWrite(tmp: string, path: string, text: string): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    writeFileCallback(tmp, text, { flush: true }, (writeError) => {
      if (writeError) return reject(writeError);
      renameCallback(tmp, path, (renameError) => (renameError ? reject(renameError) : resolve()));
    }),
  );
}
