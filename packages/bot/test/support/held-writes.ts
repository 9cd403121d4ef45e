import fs from "node:fs";
import { cp, readdir, rm } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { join } from "node:path";

interface Hold {
  match: (path: string) => boolean;
  queue: Array<() => void>;
  released: boolean;
  arrived: () => void;
}

/**
 * Holds the bot's file writes (node:fs `writeFile`, callback and promise) whose path matches until released, so a test
 * can stop the disk at a chosen point and take the directory as a SIGKILL would leave it (`crashImage`). The bot's
 * modules import node:fs by name; `syncBuiltinESMExports` makes those bindings see the patched functions (Node's
 * module API, "module.syncBuiltinESMExports()").
 */
export function heldWrites() {
  const holds: Hold[] = [];
  const original = { callback: fs.writeFile, promise: fs.promises.writeFile };
  const gate = (path: unknown): Promise<void> | undefined => {
    const hold = holds.find((h) => !h.released && typeof path === "string" && h.match(path));
    if (hold === undefined) return undefined;
    hold.arrived();
    return new Promise<void>((resolve) => hold.queue.push(resolve));
  };
  const patchedCallback = (path: unknown, ...rest: unknown[]) => {
    const call = () => Reflect.apply(original.callback, fs, [path, ...rest]);
    const waiting = gate(path);
    if (waiting === undefined) return call();
    void waiting.then(call);
  };
  const patchedPromise = async (path: unknown, ...rest: unknown[]) => {
    await gate(path);
    return Reflect.apply(original.promise, fs.promises, [path, ...rest]);
  };
  Object.assign(fs, { writeFile: patchedCallback });
  Object.assign(fs.promises, { writeFile: patchedPromise });
  syncBuiltinESMExports();
  return {
    /** Holds every later write whose path matches; `arrived` settles when the first one is held. */
    hold(match: (path: string) => boolean): { arrived: Promise<void>; release: () => void } {
      let arrived!: () => void;
      const arrivedP = new Promise<void>((r) => (arrived = r));
      const hold: Hold = { match, queue: [], released: false, arrived };
      holds.push(hold);
      return {
        arrived: arrivedP,
        release() {
          hold.released = true;
          for (const resume of hold.queue.splice(0)) resume();
        },
      };
    },
    /** Releases every hold and puts node:fs back. */
    restore() {
      for (const hold of holds) {
        hold.released = true;
        for (const resume of hold.queue.splice(0)) resume();
      }
      Object.assign(fs, { writeFile: original.callback });
      Object.assign(fs.promises, { writeFile: original.promise });
      syncBuiltinESMExports();
    },
  };
}

/**
 * Copies `dir` now, as a SIGKILL would leave it (every write the bot made so far has landed or not started: held writes
 * have not), and returns a function that puts that copy back in place of whatever the bot wrote since.
 */
export async function crashImage(dir: string): Promise<() => Promise<void>> {
  const image = `${dir}.crash-image`;
  await cp(dir, image, { recursive: true });
  return async () => {
    for (const name of await readdir(dir)) await rm(join(dir, name), { recursive: true, force: true });
    await cp(image, dir, { recursive: true });
  };
}
