import { mkdir, readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Schedule } from "../schedule.js";
import type { SavedVoice, SavedVoiceMember } from "./voice-tracker.js";

/** The snapshot's directory inside the outbox directory (the outbox reads only its own top-level files). */
export const VOICE_SNAPSHOT_DIR = "voice-snapshot";
/** The file in that directory saying when the snapshot was last known to be current. */
export const SNAPSHOT_STAMP_FILE = "saved-at.json";
/** An older snapshot is ignored: after a long downtime, reporting every change at once would be a flood of news. */
export const MAX_SNAPSHOT_AGE_MS = 10 * 60_000;
/** Changes are written at most this often; a SIGKILL loses at most this much. */
export const SNAPSHOT_SAVE_DELAY_MS = 1_000;

interface SnapshotStamp {
  version: 1;
  savedAt: number;
}

export type LoadedSnapshot =
  | { status: "loaded"; guilds: SavedVoice; ageMs: number }
  | { status: "missing" | "unreadable" }
  | { status: "too-old"; ageMs: number };

export interface VoiceSnapshotStoreOptions {
  /** The snapshot's directory: one file per guild and a stamp. */
  dir: string;
  now: () => number;
  /** What to save for one guild: the tracker's `savedGuild(guildId)`; empty when nobody is in voice there. */
  read: (guildId: string) => SavedVoiceMember[];
  /** A save failed (the guild is written again with the next save); anything thrown, as thrown. */
  onError: (error: unknown) => void;
  schedule?: Schedule;
  delayMs?: number;
  /**
   * Awaited before each save: the batches of the changes being saved must be on disk first, or a crash between the
   * two writes would lose those changes (the restart would see nothing to report). start.ts passes the outbox's.
   */
  beforeSave?: () => Promise<void>;
}

const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Saves the tracker's voice snapshot next to the outbox, debounced after changes and once more on shutdown, and
 * loads it at start, so a restart reports who came and went while the bot was down, once, and invents nothing.
 *
 * One file per guild, and only the guilds that changed are written: with 1,000 guilds and 50,000 members in voice the
 * whole snapshot is 13 MB of JSON and ~55 ms of main-thread serialising, which must not run every second a single
 * channel is busy. The stamp, written after the guild files, dates the whole snapshot (an unchanged guild's file
 * stays current while the bot runs).
 */
export class VoiceSnapshotStore {
  private cancel: (() => void) | undefined;
  private readonly dirty = new Set<string>();
  private writing: Promise<void> = Promise.resolve();
  /** When the last save that completed began: every change before it is in the files. */
  private savedThroughMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: VoiceSnapshotStoreOptions) {}

  async load(maxAgeMs = MAX_SNAPSHOT_AGE_MS): Promise<LoadedSnapshot> {
    let stampText: string;
    try {
      stampText = await readFile(join(this.options.dir, SNAPSHOT_STAMP_FILE), "utf8");
    } catch {
      return { status: "missing" };
    }
    const guilds: SavedVoice = {};
    let savedAt: number;
    try {
      const stamp = JSON.parse(stampText) as SnapshotStamp;
      if (stamp.version !== 1 || !Number.isFinite(stamp.savedAt)) return { status: "unreadable" };
      savedAt = stamp.savedAt;
      for (const name of await readdir(this.options.dir)) {
        if (name === SNAPSHOT_STAMP_FILE || !name.endsWith(".json")) continue;
        const members = JSON.parse(await readFile(join(this.options.dir, name), "utf8")) as unknown;
        if (!Array.isArray(members)) return { status: "unreadable" };
        guilds[name.slice(0, -".json".length)] = members as SavedVoiceMember[];
      }
    } catch {
      return { status: "unreadable" };
    }
    const ageMs = this.options.now() - savedAt;
    if (ageMs > maxAgeMs || ageMs < 0) return { status: "too-old", ageMs };
    return { status: "loaded", guilds, ageMs };
  }

  /** A guild's voice state changed: save it within the delay (one write per guild for a burst of changes). */
  changed(guildId: string): void {
    this.dirty.add(guildId);
    if (this.cancel) return;
    this.cancel = (this.options.schedule ?? realSchedule)(() => {
      this.cancel = undefined;
      this.save().catch((error: unknown) => this.options.onError(error));
    }, this.options.delayMs ?? SNAPSHOT_SAVE_DELAY_MS);
  }

  /**
   * Settles once the saved snapshot is at least as new as `atMs` (saving now if it is not): a batch that carries the
   * voice of `atMs` may then leave the outbox without its changes being announced again after a restart.
   */
  async settle(atMs: number): Promise<void> {
    await this.writing.catch(() => undefined);
    if (this.savedThroughMs >= atMs) return;
    await this.flush();
  }

  /** Saves now (shutdown), dropping a pending delayed save. */
  async flush(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    await this.save();
  }

  /**
   * Writes each changed guild (temp file, then rename, so a crash leaves the old file or the new) and then the stamp,
   * one save at a time. A guild nobody is in voice in any more loses its file.
   */
  private save(): Promise<void> {
    const { dir, beforeSave } = this.options;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await beforeSave?.();
        // Ids only: each guild is read when its turn to be written comes. Read at once, every guild's members were
        // held until the whole save was written (and, queued eagerly, 3.5 copies of every member at 4 shards' ready).
        const guilds = [...this.dirty];
        this.dirty.clear();
        const stamp: SnapshotStamp = { version: 1, savedAt: this.options.now() };
        try {
          await mkdir(dir, { recursive: true });
          for (const guildId of guilds) {
            const members = this.options.read(guildId);
            const file = join(dir, `${guildId}.json`);
            if (members.length === 0) await unlink(file).catch(ignoreMissing);
            else await writeAtomically(file, JSON.stringify(members));
          }
          await writeAtomically(join(dir, SNAPSHOT_STAMP_FILE), JSON.stringify(stamp));
          this.savedThroughMs = stamp.savedAt;
        } catch (error) {
          // Only changed guilds are written: one that failed must be tried again with the next save.
          for (const guildId of guilds) this.dirty.add(guildId);
          throw error;
        }
      });
    return this.writing;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, { flush: true });
  await rename(`${file}.tmp`, file);
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== "ENOENT") throw error;
}
