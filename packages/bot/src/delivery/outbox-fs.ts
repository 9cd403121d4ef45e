import * as nodeFs from "node:fs";

/** The callback `fs` calls the outbox makes for its batch files; tests pass one that fails on cue. */
export interface OutboxFs {
  writeFile(path: string, text: string, options: { flush: true }, done: (error: Error | null) => void): void;
  rename(from: string, to: string, done: (error: Error | null) => void): void;
  unlink(path: string, done: (error: NodeJS.ErrnoException | null) => void): void;
}

export function unlinkMissingOk(fs: OutboxFs, path: string): Promise<void> {
  // unlink, not rm({force}): rm stats the path first, one more round trip per delivered batch.
  return new Promise<void>((resolve, reject) =>
    fs.unlink(path, (error) => (error && error.code !== "ENOENT" ? reject(error) : resolve())),
  );
}

/**
 * Writes `text` to `tmp` with an fsync (writeFile's `flush`), then renames it to `path`. Callback fs, not fs/promises:
 * the promise API allocates a FileHandle and a promise per step (open, write, sync, close), which cost about 0.1 ms of
 * main-thread time per batch in bench/bot-overhead.ts; this chain settles one promise.
 */
export function durableWrite(tmp: string, path: string, text: string, fs: OutboxFs = nodeFs): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    fs.writeFile(tmp, text, { flush: true }, (writeError) => {
      if (writeError) return reject(writeError);
      fs.rename(tmp, path, (renameError) => (renameError ? reject(renameError) : resolve()));
    }),
  );
}

/** node:fs, as the outbox uses it unless told otherwise. */
export const NODE_FS: OutboxFs = nodeFs;
