import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Schedule } from "../schedule.js";
import type { GuildVoiceCheckpoint } from "./landed-voice.js";
import type { SavedVoiceMember } from "./voice-tracker.js";

/** The snapshot's directory inside the outbox directory (the outbox reads only its own top-level files). */
export const VOICE_SNAPSHOT_DIR = "voice-snapshot";
/** The file in that directory saying when the snapshot was last known to be current. */
export const SNAPSHOT_STAMP_FILE = "saved-at.json";
/**
 * A snapshot older than this is ignored: after a long downtime, reporting every change at once would be a flood of
 * news. One stamped up to this far in the future counts as current (a clock stepped back since, decision 0044).
 */
export const MAX_SNAPSHOT_AGE_MS = 10 * 60_000;
/** Changes are written at most this often; a SIGKILL loses at most this much. */
export const SNAPSHOT_SAVE_DELAY_MS = 1_000;
/**
 * How often a running bot re-dates its snapshot (`keepFresh`): the stamp then says when the bot last knew the snapshot
 * was true, not when something last changed, so a restart measures the downtime (plus at most this), and a server quiet
 * for longer than MAX_SNAPSHOT_AGE_MS still has its gap reported. One small file per interval, whatever the guilds.
 */
export const STAMP_REFRESH_MS = 60_000;

interface SnapshotStamp {
  version: 1;
  savedAt: number;
}

/** One guild's file: its members as of checkpoint `seq` (a bare array, without `seq`, before decision 0044). */
export interface SavedGuild {
  seq?: number | undefined;
  members: SavedVoiceMember[];
}

export type LoadedSnapshot =
  | {
      status: "loaded";
      guilds: Record<string, SavedGuild>;
      savedAtMs: number;
      ageMs: number;
      lastSeq: number;
    }
  | { status: "missing" | "unreadable" }
  | { status: "too-old"; ageMs: number; lastSeq: number };

export interface VoiceSnapshotStoreOptions {
  /** The snapshot's directory: one file per guild and a stamp. */
  dir: string;
  /** The wall clock: the stamp says when the snapshot was current, across restarts. */
  now: () => number;
  /**
   * What to save for one guild: its newest checkpoint whose changes are all on disk (`LandedVoice.of`), never the live
   * voice, which can be ahead of batches not yet written; a guild with none (or none newer than its file) is not
   * written.
   */
  read: (guildId: string) => GuildVoiceCheckpoint | undefined;
  /** A guild's file now holds checkpoint `seq` (`LandedVoice.saved`, which then lets its copy go). */
  onSaved?: (guildId: string, seq: number) => void;
  /** A save failed (the guild is written again with the next save); anything thrown, as thrown. */
  onError: (error: unknown) => void;
  schedule?: Schedule;
  delayMs?: number;
}
const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Saves each guild's landed voice next to the outbox, debounced after changes and once more on shutdown, and loads it
 * at start, so a restart reports who came and went while the bot was down, once, and invents nothing.
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
  /** Per guild, the checkpoint its file holds. */
  private readonly savedSeq = new Map<string, number>();
  /** Cancels the next stamp refresh; undefined when not refreshing. */
  private cancelRefresh: (() => void) | undefined;

  constructor(private readonly options: VoiceSnapshotStoreOptions) {}

  async load(maxAgeMs = MAX_SNAPSHOT_AGE_MS): Promise<LoadedSnapshot> {
    let stampText: string;
    try {
      stampText = await readFile(join(this.options.dir, SNAPSHOT_STAMP_FILE), "utf8");
    } catch {
      return { status: "missing" };
    }
    const guilds: Record<string, SavedGuild> = {};
    let savedAt: number;
    let lastSeq = 0;
    try {
      const stamp = JSON.parse(stampText) as SnapshotStamp;
      if (stamp.version !== 1 || !Number.isFinite(stamp.savedAt)) return { status: "unreadable" };
      savedAt = stamp.savedAt;
      for (const name of await readdir(this.options.dir)) {
        if (name === SNAPSHOT_STAMP_FILE || !name.endsWith(".json")) continue;
        const saved = readSavedGuild(JSON.parse(await readFile(join(this.options.dir, name), "utf8")));
        if (saved === undefined) return { status: "unreadable" };
        guilds[name.slice(0, -".json".length)] = saved;
        lastSeq = Math.max(lastSeq, saved.seq ?? 0);
      }
    } catch {
      return { status: "unreadable" };
    }
    const ageMs = this.options.now() - savedAt;
    // Wall time is the only clock two processes share, so it dates the snapshot; a stamp from the future is a clock
    // stepped back since (NTP), taken as current within the same window rather than dropped (which would reopen the
    // restart gap), and ignored beyond it, as an old one is.
    if (Math.abs(ageMs) > maxAgeMs) return { status: "too-old", ageMs, lastSeq };
    for (const [guildId, saved] of Object.entries(guilds))
      if (saved.seq !== undefined) this.savedSeq.set(guildId, saved.seq);
    return { status: "loaded", guilds, savedAtMs: savedAt, ageMs, lastSeq };
  }

  /**
   * Deletes a snapshot too old to use: left in place, a guild this process never writes again would keep its old file,
   * which this process's next stamp would then date as current.
   */
  async discard(): Promise<void> {
    const { dir } = this.options;
    // The stamp first: a crash half-way leaves no stamp, which reads as no snapshot.
    await rm(join(dir, SNAPSHOT_STAMP_FILE), { force: true });
    for (const name of await readdir(dir).catch(() => [])) await rm(join(dir, name), { force: true });
    this.savedSeq.clear();
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
   * Settles once the guild's saved file is at least as new as checkpoint `seq` (saving now if it is not): a batch that
   * carries that checkpoint may then leave the outbox without its changes being announced again after a restart.
   * Sequence numbers, not times: a clock stepped back must not make an old save look new enough.
   */
  async settle(guildId: string, seq: number): Promise<void> {
    await this.writing.catch(() => undefined);
    if ((this.savedSeq.get(guildId) ?? Number.NEGATIVE_INFINITY) >= seq) return;
    this.dirty.add(guildId);
    await this.flush();
  }

  /** Saves now (shutdown), dropping a pending delayed save. */
  async flush(): Promise<void> {
    this.cancel?.();
    this.cancel = undefined;
    await this.save();
  }

  /**
   * Re-dates the snapshot every STAMP_REFRESH_MS from now on (start.ts calls it at the gateway's ready, when every
   * guild has been synced): while the bot runs, every guild's file is its landed voice or behind a queued batch that
   * carries a newer one, so the snapshot is true now even if nothing changed. Without it, a server quiet for over 10
   * minutes was dated by its last change, and a restart after a short downtime ignored it and reported nothing.
   */
  keepFresh(): void {
    if (this.cancelRefresh !== undefined) return;
    const next = () => {
      this.cancelRefresh = (this.options.schedule ?? realSchedule)(() => {
        this.stamp().catch((error: unknown) => this.options.onError(error));
        next();
      }, STAMP_REFRESH_MS);
    };
    next();
  }

  /** Settles when the saves and stamps started so far have been written (or failed). */
  idle(): Promise<void> {
    return this.writing.catch(() => undefined);
  }

  /** Stops refreshing the stamp and saves what is left (shutdown): from now on the snapshot ages. */
  async close(): Promise<void> {
    this.cancelRefresh?.();
    this.cancelRefresh = undefined;
    await this.flush();
  }

  /** Writes the stamp alone, after the saves queued before it (one at a time, as `save`). */
  private stamp(): Promise<void> {
    const { dir } = this.options;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        const stamp: SnapshotStamp = { version: 1, savedAt: this.options.now() };
        await mkdir(dir, { recursive: true });
        await writeAtomically(join(dir, SNAPSHOT_STAMP_FILE), JSON.stringify(stamp));
      });
    return this.writing;
  }

  /**
   * Writes each changed guild's landed checkpoint (temp file, then rename, so a crash leaves the old file or the new)
   * and then the stamp, one save at a time. A guild left empty keeps a file with no members: deleting it would let an
   * older queued batch's voice pass for newer after a restart.
   */
  private save(): Promise<void> {
    const { dir } = this.options;
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        // Ids only: each guild is read when its turn to be written comes. Read at once, every guild's members were
        // held until the whole save was written (and, queued eagerly, 3.5 copies of every member at 4 shards' ready).
        const guilds = [...this.dirty];
        this.dirty.clear();
        const stamp: SnapshotStamp = { version: 1, savedAt: this.options.now() };
        try {
          await mkdir(dir, { recursive: true });
          for (const guildId of guilds) {
            const checkpoint = this.options.read(guildId);
            if (checkpoint === undefined) continue;
            if ((this.savedSeq.get(guildId) ?? Number.NEGATIVE_INFINITY) >= checkpoint.seq) continue;
            const saved: SavedGuild = { seq: checkpoint.seq, members: checkpoint.members };
            await writeAtomically(join(dir, `${guildId}.json`), JSON.stringify(saved));
            this.savedSeq.set(guildId, checkpoint.seq);
            this.options.onSaved?.(guildId, checkpoint.seq);
          }
          await writeAtomically(join(dir, SNAPSHOT_STAMP_FILE), JSON.stringify(stamp));
        } catch (error) {
          // Only changed guilds are written: one that failed must be tried again with the next save.
          for (const guildId of guilds) this.dirty.add(guildId);
          throw error;
        }
      });
    return this.writing;
  }
}

/** A guild file: `{seq, members}`, or a bare member array as versions before decision 0044 wrote them. */
function readSavedGuild(parsed: unknown): SavedGuild | undefined {
  if (Array.isArray(parsed)) return { members: parsed as SavedVoiceMember[] };
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { seq, members } = parsed as { seq?: unknown; members?: unknown };
  if (!Array.isArray(members) || (seq !== undefined && !Number.isFinite(seq))) return undefined;
  return { seq: seq as number | undefined, members: members as SavedVoiceMember[] };
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await writeFile(`${file}.tmp`, text, { flush: true });
  await rename(`${file}.tmp`, file);
}
