import * as nodeFs from "node:fs";
import type { OutboxFs } from "../../src/delivery/outbox.js";

/**
 * node:fs for the outbox, except that the next `times` writes (or unlinks) `when` matches fail with EIO, as a full or
 * failing disk would answer; `failed` counts them.
 */
export function failingFs(options: {
  write?: (path: string, text: string) => boolean;
  unlink?: (path: string) => boolean;
  times?: number;
}) {
  let left = options.times ?? 1;
  const state = { failed: 0 };
  const eio = (what: string, path: string) => {
    left -= 1;
    state.failed += 1;
    return Object.assign(new Error(`EIO: i/o error, ${what} '${path}'`), { code: "EIO" });
  };
  const fs: OutboxFs = {
    writeFile(path, text, opts, done) {
      if (left > 0 && options.write?.(path, text)) return void setImmediate(() => done(eio("write", path)));
      nodeFs.writeFile(path, text, opts, done);
    },
    rename: (from, to, done) => nodeFs.rename(from, to, done),
    unlink(path, done) {
      if (left > 0 && options.unlink?.(path)) return void setImmediate(() => done(eio("unlink", path)));
      nodeFs.unlink(path, done);
    },
  };
  return { fs, state };
}
