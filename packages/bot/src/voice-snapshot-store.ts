import { readFile, rename, writeFile } from "node:fs/promises";
import type { Schedule } from "./dwell-gate.js";
import type { SavedVoice } from "./voice-tracker.js";

/** The file's name in the outbox directory (the outbox reads only `*.json` and `*.tmp`). */
export const VOICE_SNAPSHOT_FILE = "voice-snapshot.state";
/** An older snapshot is ignored: after a long downtime, reporting every change at once would be a flood of news. */
export const MAX_SNAPSHOT_AGE_MS = 10 * 60_000;
/** Changes are written at most this often; a SIGKILL loses at most this much. */
export const SNAPSHOT_SAVE_DELAY_MS = 1_000;

interface SnapshotFile {
  version: 1;
  savedAt: number;
  guilds: SavedVoice;
}

export type LoadedSnapshot =
  | { status: "loaded"; guilds: SavedVoice; ageMs: number }
  | { status: "missing" | "unreadable" }
  | { status: "too-old"; ageMs: number };

export interface VoiceSnapshotStoreOptions {
  file: string;
  now: () => number;
  /** What to save: the tracker's `saved()`. */
  read: () => SavedVoice;
  onError: (error: Error) => void;
  schedule?: Schedule;
  delayMs?: number;
}

const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Saves the tracker's voice snapshot next to the outbox, debounced after changes and once more on shutdown, and
 * loads it at start, so a restart reports who came and went while the bot was down, once, and invents nothing.
 */
export class VoiceSnapshotStore {
  private cancel: (() => void) | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly options: VoiceSnapshotStoreOptions) {}

  async load(maxAgeMs = MAX_SNAPSHOT_AGE_MS): Promise<LoadedSnapshot> {
    let text: string;
    try {
      text = await readFile(this.options.file, "utf8");
    } catch {
      return { status: "missing" };
    }
    let saved: SnapshotFile;
    try {
      saved = JSON.parse(text) as SnapshotFile;
      if (saved.version !== 1 || !Number.isFinite(saved.savedAt) || typeof saved.guilds !== "object")
        return { status: "unreadable" };
    } catch {
      return { status: "unreadable" };
    }
    const ageMs = this.options.now() - saved.savedAt;
    if (ageMs > maxAgeMs || ageMs < 0) return { status: "too-old", ageMs };
    return { status: "loaded", guilds: saved.guilds, ageMs };
  }

  /** Something changed: save within the delay (one write for a burst of changes). */
  changed(): void {
    if (this.cancel) return;
    this.cancel = (this.options.schedule ?? realSchedule)(() => {
      this.cancel = undefined;
      this.save().catch((error: unknown) => this.options.onError(error as Error));
    }, this.options.delayMs ?? SNAPSHOT_SAVE_DELAY_MS);
  }

  /** Saves now (shutdown), dropping a pending delayed save. */
  async flush(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    await this.save();
  }

  /** Writes to a temp file and renames it, one write at a time, so a crash leaves the old snapshot or the new. */
  private save(): Promise<void> {
    const body: SnapshotFile = { version: 1, savedAt: this.options.now(), guilds: this.options.read() };
    const tmp = `${this.options.file}.tmp`;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await writeFile(tmp, JSON.stringify(body), { flush: true });
        await rename(tmp, this.options.file);
      });
    return this.writing;
  }
}
