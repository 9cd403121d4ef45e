import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { VoiceEventBatch } from "@stepcord/events";
import { errorMessage } from "../error-message.js";
import {
  type Envelope,
  fileNumber,
  type OutboxEntry,
  readEnvelope,
  type SendState,
  toEntry,
  type VoiceCheckpoint,
} from "./outbox-entry.js";
import { durableWrite, NODE_FS, type OutboxFs, unlinkMissingOk } from "./outbox-fs.js";

/** Where batches the endpoint refused for good wait for a human. */
export const REJECTED_DIR = "rejected";
/** Where batches wait whose guild's webhook is gone, until `redeliver` puts them back. */
export const PARKED_DIR = "parked";

/** A merge's last step, still to do: an absorbed file to delete, or a split batch's file to rewrite. */
type Leftover = { unlink: string } | { rewrite: OutboxEntry };

export type { OutboxEntry, OutboxFs, SendState, VoiceCheckpoint };
export { readEnvelope };

/** The first retry of a batch file that could not be written waits this long, doubling per failure in a row. */
export const WRITE_RETRY_BASE_MS = 100;
/** The longest wait between two tries of a batch file's write. */
export const WRITE_RETRY_MAX_MS = 30_000;

export interface OutboxOptions {
  /** @default node:fs */
  fs?: OutboxFs;
  /** Waits between tries of a batch file's write (a test ends them by hand). @default an unref'd setTimeout */
  wait?: (ms: number) => Promise<void>;
  /** A batch file could not be written and will be tried again (log it). */
  onWriteFailed?: (failure: { name: string; attempt: number; waitMs: number; error: unknown }) => void;
  /** A batch file that had failed has landed: whoever skipped it may look again. */
  onWriteRecovered?: (name: string) => void;
}

const unrefWait = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * A durable outbox: one file per batch, written to a temp name, fsync'd by writeFile's flush and renamed into place,
 * so a SIGKILL leaves either the whole file or nothing. Files sort by enqueue order; the batch id is kept so a resend
 * after a crash is answered `duplicate` by the workflow's ledger.
 *
 * The directory is read once, at init; afterwards this process is its only writer, so the entries in memory answer
 * `list` and `entry` without touching the disk. Batches of one guild that were never posted can be merged into the
 * oldest of them (`merge`): its file is rewritten with all their events, then the others are deleted; a crash in
 * between leaves files whose events are all in an older file, which `init` deletes.
 */
export class Outbox {
  readonly dir: string;
  /**
   * The last file number given: names sort in queue order by it, not by the wall clock, which can step back and would
   * then sort a later batch before an earlier one of its guild (decision 0044). It continues from the files on disk.
   */
  private lastNumber = 0;
  /** Per guild, the write of its last queued batch: a guild's batches land in queue order (decision 0044). */
  private readonly lastPut = new Map<string, Promise<void>>();
  private tmpCounter = 0;
  private readonly entries = new Map<string, OutboxEntry>();
  /** Per merged head: what its merge still has to delete or rewrite before the head may be sent. */
  private readonly leftovers = new Map<string, Leftover[]>();
  /** Durable writes still in progress, by name: sending and removal wait for them. */
  private readonly writing = new Map<string, Promise<void>>();

  /** Batch files whose first write failed and is being tried again, with the last error: nothing of theirs is sent. */
  private readonly failing = new Map<string, { guildId: string; error: unknown }>();
  /** Set by `close`: a put that fails from then on is given up instead of tried again. */
  private closed = false;

  private readonly fs: OutboxFs;
  private readonly o: OutboxOptions;

  constructor(dir: string, options: OutboxOptions = {}) {
    this.dir = dir;
    this.o = options;
    this.fs = options.fs ?? NODE_FS;
  }

  /** Batches queued and not yet delivered, parked or rejected; equals the batch files in `dir` once writes land. */
  get size(): number {
    return this.entries.size;
  }

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.entries.clear();
    const seen = new Set<string>();
    for (const f of (await readdir(this.dir)).sort()) {
      this.lastNumber = Math.max(this.lastNumber, fileNumber(f));
      if (f.endsWith(".tmp")) await rm(join(this.dir, f), { force: true });
      if (!f.endsWith(".json")) continue;
      const envelope = readEnvelope(await readFile(join(this.dir, f), "utf8"));
      // Events a merge already put into an older file, by a process that stopped before rewriting or deleting this one.
      const events = envelope.batch.events.filter((e) => !seen.has(e.id));
      for (const e of events) seen.add(e.id);
      if (events.length === 0) {
        await rm(join(this.dir, f), { force: true });
        continue;
      }
      // A file never marked sent was never posted: it merges like one this process queued.
      const sent = envelope.sent === true ? "unknown" : "never";
      const entry = toEntry(f, { ...envelope, batch: { ...envelope.batch, events } }, sent);
      this.entries.set(f, { ...entry, queuedAtMs: Number.NEGATIVE_INFINITY });
    }
  }

  /**
   * Queues a batch (with the voice snapshot it reflects, when the caller has one) at `nowMs` on the deliverer's
   * monotonic clock. It is listed at once; `durable` says when its file has landed, and nothing is sent before that (a
   * batch posted and then lost in a crash would take its voice snapshot with it, and the restart would announce the
   * change again). A guild's files land in the order queued: a batch's voice covers the changes of the guild's earlier
   * batches, so it must never be on disk without them.
   */
  put(batch: VoiceEventBatch, nowMs: number, voice?: VoiceCheckpoint): Promise<string> {
    this.lastNumber += 1;
    const name = `${String(this.lastNumber).padStart(15, "0")}-${batch.batchId}.json`;
    const entry = toEntry(name, { batch, voice }, "never");
    this.entries.set(name, { ...entry, queuedAtMs: nowMs });
    const after = this.lastPut.get(entry.guildId);
    const written = this.writeUntilLanded(name, { batch, voice }, after);
    const landed = written.catch(() => undefined);
    this.lastPut.set(entry.guildId, landed);
    void landed.then(() => {
      if (this.lastPut.get(entry.guildId) === landed) this.lastPut.delete(entry.guildId);
    });
    return written.then(
      () => name,
      (error: unknown) => {
        this.entries.delete(name);
        throw error;
      },
    );
  }

  /**
   * Why batch files cannot be written now, for /healthz's reason; undefined while every write lands. A batch whose
   * write failed stays queued and is tried again (nothing is lost while the process lives), but nothing of its guild
   * goes out, and the voice snapshot does not move past it.
   */
  writeTrouble(): string | undefined {
    const [first] = this.failing;
    if (first === undefined) return undefined;
    const [name, { error }] = first;
    return `cannot write ${this.failing.size} batch file(s) in ${this.dir} (first: ${name}): ${errorMessage(error)}; retrying with back-off. Free disk space or fix the volume; nothing is lost unless the process stops first`;
  }

  /**
   * Whether a batch waits for a failed write of its guild, its own or an earlier one's (a guild's files land in queue
   * order): it may not be sent, nor absorbed, until that lands; the others go on.
   */
  stalled(entry: OutboxEntry): boolean {
    for (const [name, failed] of this.failing)
      if (failed.guildId === entry.guildId && name <= entry.name) return true;
    return false;
  }

  /** Stops retrying failed writes (shutdown): a put whose write fails from now on rejects, and its batch is lost. */
  close(): void {
    this.closed = true;
  }

  /** Queued entries, oldest first (async, so a subclass in a test can pause inside it). */
  async list(): Promise<OutboxEntry[]> {
    return this.sorted();
  }

  /** Settles when the entry's file holds what memory holds. */
  durable(name: string): Promise<void> {
    return this.writing.get(name) ?? Promise.resolve();
  }

  /** Writes started and not landed yet. */
  get pendingWrites(): number {
    return this.writing.size;
  }

  /** Settles when every write started so far has landed (or failed). */
  async allWritten(): Promise<void> {
    await Promise.all([...this.writing.values()].map((w) => w.catch(() => undefined)));
  }

  /**
   * Makes `head` ready to send: moves the events of `absorbed` (later batches of its guild, never sent) into it, keeping
   * its batch id and place (the newest voice snapshot comes along), and the first `partial.count` events of one more
   * batch, which keeps the rest; then marks it `sent` on disk, in the same write. Nothing may be POSTed before it
   * settles: after a crash, a file without the mark was certainly never sent.
   *
   * Memory changes only once the head's write has landed, so a failed write leaves memory and disk as they were. The
   * absorbed files' deletion and the partial one's rewrite must then land before the head is sent (once the head's file
   * is deleted as delivered, a file left behind would be posted again after a restart); one that fails is retried by
   * the next `prepareSend` of the head, before anything else.
   */
  async prepareSend(
    head: OutboxEntry,
    absorbed: OutboxEntry[] = [],
    partial?: { entry: OutboxEntry; count: number },
  ): Promise<void> {
    await this.finishMerge(head.name);
    if (absorbed.length === 0 && partial === undefined && head.sentOnDisk) return this.durable(head.name);
    await Promise.all(absorbed.map((a) => this.writing.get(a.name)?.catch(() => undefined)));
    const taken = partial ? partial.entry.batch.events.slice(0, partial.count) : [];
    const batch = {
      ...head.batch,
      events: [...head.batch.events, ...absorbed.flatMap((a) => a.batch.events), ...taken],
    };
    const voice = absorbed.findLast((a) => a.voice !== undefined)?.voice ?? head.voice;
    await this.write(head.name, { batch, voice, sent: true });
    // Landed: the head's file now holds every event it will be sent with.
    head.batch = batch;
    head.voice = voice;
    head.sentOnDisk = true;
    for (const a of absorbed) this.entries.delete(a.name);
    const leftovers: Leftover[] = absorbed.map((a) => ({ unlink: a.name }));
    if (partial) {
      partial.entry.batch = {
        ...partial.entry.batch,
        events: partial.entry.batch.events.slice(partial.count),
      };
      leftovers.push({ rewrite: partial.entry });
    }
    this.leftovers.set(head.name, leftovers);
    await this.finishMerge(head.name);
  }

  /**
   * Deletes the files a merge into `name` absorbed and rewrites the one it split. Until then their events are in two
   * files; `init` keeps them only in the older one, the head's, which is why the head must not be sent (and deleted)
   * first.
   */
  private async finishMerge(name: string): Promise<void> {
    const leftovers = this.leftovers.get(name);
    if (leftovers === undefined) return;
    const left: Leftover[] = [];
    const errors: unknown[] = [];
    await Promise.all(
      leftovers.map(async (leftover) => {
        try {
          if ("unlink" in leftover) await unlinkMissingOk(this.fs, join(this.dir, leftover.unlink));
          else {
            const { name, batch, voice } = leftover.rewrite;
            await this.write(name, { batch, voice });
          }
        } catch (error) {
          left.push(leftover);
          errors.push(error);
        }
      }),
    );
    if (left.length === 0) this.leftovers.delete(name);
    else {
      this.leftovers.set(name, left);
      throw errors[0];
    }
  }

  /**
   * Forgets a delivered batch at once (it is no longer listed), then deletes its file once `beforeUnlink` has settled
   * (the voice snapshot saved past it) and its write has landed.
   */
  async remove(name: string, beforeUnlink?: () => Promise<void>): Promise<void> {
    this.entries.delete(name);
    await beforeUnlink?.();
    await this.writing.get(name)?.catch(() => undefined);
    await unlinkMissingOk(this.fs, join(this.dir, name));
  }

  /** Moves a batch the endpoint refused for good aside, with the cause, so it stops blocking its guild's queue. */
  reject(name: string, cause: string, nowMs: number): Promise<void> {
    return this.setAside(name, REJECTED_DIR, (e) => ({ ...e, rejected: { cause, atMs: nowMs } }));
  }

  /** Moves a batch whose webhook is gone to `parked/`, with Discord's code and the cause, until `redeliver`. */
  park(name: string, code: number | null, cause: string, nowMs: number): Promise<void> {
    return this.setAside(name, PARKED_DIR, (e) => ({ ...e, parked: { code, cause, atMs: nowMs } }));
  }

  /**
   * The newest voice snapshot each guild's queued batches carry (restoring the voice snapshot reads these): the last
   * in queue order, which is the file order (a merge moves the newest voice into the head, ahead of a split batch).
   */
  voiceCheckpoints(): Map<string, VoiceCheckpoint> {
    const newest = new Map<string, VoiceCheckpoint>();
    for (const { voice } of this.sorted()) if (voice) newest.set(voice.guildId, voice);
    return newest;
  }

  private sorted(): OutboxEntry[] {
    return [...this.entries.keys()].sort().map((name) => this.entries.get(name) as OutboxEntry);
  }

  private async setAside(name: string, dir: string, mark: (e: Envelope) => Envelope): Promise<void> {
    const entry = this.entries.get(name);
    if (entry === undefined) return;
    await this.writing.get(name)?.catch(() => undefined);
    await mkdir(join(this.dir, dir), { recursive: true });
    const text = JSON.stringify(mark({ batch: entry.batch, voice: entry.voice, sent: true }));
    await durableWrite(join(this.dir, dir, `${name}.tmp`), join(this.dir, dir, name), text, this.fs);
    this.entries.delete(name);
    await unlinkMissingOk(this.fs, join(this.dir, name));
  }

  /**
   * A put's write, tried again with capped doubling waits until it lands (or the outbox is closed): a batch whose first
   * write failed (ENOSPC, EIO) was lost, and the guild's next landed checkpoint moved the voice snapshot past its change.
   * It counts as writing the whole time (`durable`, `allWritten`), so no checkpoint lands past it, and the guild's later
   * puts wait behind it.
   */
  private writeUntilLanded(name: string, envelope: Envelope, after?: Promise<void>): Promise<void> {
    const attempts = (async () => {
      await after;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await this.attempt(name, envelope);
          if (this.failing.delete(name)) this.o.onWriteRecovered?.(name);
          return;
        } catch (error) {
          if (this.closed) {
            this.failing.delete(name);
            throw error;
          }
          this.failing.set(name, { guildId: envelope.batch.events[0]?.guild.id ?? "", error });
          const waitMs = Math.min(WRITE_RETRY_MAX_MS, WRITE_RETRY_BASE_MS * 2 ** (attempt - 1));
          this.o.onWriteFailed?.({ name, attempt, waitMs, error });
          await (this.o.wait ?? unrefWait)(waitMs);
        }
      }
    })();
    this.writing.set(name, attempts);
    const settle = () => {
      if (this.writing.get(name) === attempts) this.writing.delete(name);
    };
    attempts.then(settle, settle);
    return attempts;
  }

  /** One try of a durable write, to a temp name of its own. */
  private attempt(name: string, envelope: Envelope): Promise<void> {
    this.tmpCounter += 1;
    const tmp = join(this.dir, `${name}.${this.tmpCounter}.tmp`);
    return durableWrite(tmp, join(this.dir, name), JSON.stringify(envelope), this.fs);
  }

  /**
   * One durable write per name at a time, in order: a merge's rewrite lands after the put it replaces.
   */
  private write(name: string, envelope: Envelope): Promise<void> {
    const previous = this.writing.get(name)?.catch(() => undefined) ?? Promise.resolve();
    const write = previous.then(() => this.attempt(name, envelope));
    this.writing.set(name, write);
    const settle = () => {
      if (this.writing.get(name) === write) this.writing.delete(name);
    };
    write.then(settle, settle);
    return write;
  }
}
