import { readFile, rm, writeFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";

/** The first wait after a fatal gateway close; it doubles with each one in a row. */
export const FATAL_BACKOFF_FIRST_MS = 60_000;
/** The longest wait: an hour, 24 identifies a day at worst, far inside Discord's 1,000. */
export const FATAL_BACKOFF_MAX_MS = 3_600_000;
/** The state file's name inside the outbox directory (the outbox reads only `*.json` and `*.tmp`). */
export const FATAL_BACKOFF_FILE = "fatal-close-backoff";

export type Sleep = (ms: number) => Promise<void>;

export interface FatalBackoffState {
  /** Fatal closes in a row, since the last successful ready. */
  attempts: number;
  /** When the last one happened, epoch ms. */
  lastFatalAt: number;
}

/** 1 min for the first fatal close in a row, doubling to at most an hour. */
export function fatalBackoffMs(attempt: number): number {
  return Math.min(FATAL_BACKOFF_MAX_MS, FATAL_BACKOFF_FIRST_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * The back-off after fatal gateway closes (bad token, disallowed intents...), kept in a small file so it survives the
 * restart the exit leads to: on ECS every exit is a restart and every restart an identify. The wait is served before
 * exiting and, if the process was killed before it ended (a failing health check), before the next identify.
 */
export interface FatalBackoffOptions {
  /** The state file, FATAL_BACKOFF_FILE in the outbox directory. */
  file: string;
  now: () => number;
  /** @default node:timers/promises setTimeout */
  sleep?: Sleep | undefined;
}

export class FatalBackoff {
  private readonly file: string;
  private readonly now: () => number;
  private readonly sleep: Sleep;

  constructor(options: FatalBackoffOptions) {
    this.file = options.file;
    this.now = options.now;
    this.sleep = options.sleep ?? ((ms) => delay(ms));
  }

  /** Counts a fatal close and returns its back-off: the attempt number and the time until which to wait. */
  async record(): Promise<{ attempt: number; delayMs: number; until: number }> {
    const attempt = ((await this.read())?.attempts ?? 0) + 1;
    const lastFatalAt = this.now();
    await writeFile(
      this.file,
      JSON.stringify({ attempts: attempt, lastFatalAt } satisfies FatalBackoffState),
    );
    const delayMs = fatalBackoffMs(attempt);
    return { attempt, delayMs, until: lastFatalAt + delayMs };
  }

  /** Waits out what is left of the last fatal close's back-off, if any; returns the milliseconds waited. */
  async waitOut(): Promise<number> {
    const state = await this.read();
    if (!state) return 0;
    const leftMs = state.lastFatalAt + fatalBackoffMs(state.attempts) - this.now();
    if (leftMs <= 0) return 0;
    await this.sleep(leftMs);
    return leftMs;
  }

  async waitUntil(until: number): Promise<void> {
    const leftMs = until - this.now();
    if (leftMs > 0) await this.sleep(leftMs);
  }

  /** A successful ready: the next fatal close starts again at the first wait. */
  async reset(): Promise<void> {
    await rm(this.file, { force: true });
  }

  /** The recorded state; a missing or unreadable file is no state (a fresh start). */
  async read(): Promise<FatalBackoffState | undefined> {
    try {
      const state = JSON.parse(await readFile(this.file, "utf8")) as Partial<FatalBackoffState>;
      if (Number.isInteger(state.attempts) && Number.isFinite(state.lastFatalAt))
        return state as FatalBackoffState;
    } catch {
      // Missing or torn: start from nothing.
    }
    return undefined;
  }
}
