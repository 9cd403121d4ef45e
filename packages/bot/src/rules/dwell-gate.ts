import type { VoiceEventInput } from "@stepcord/events";
import type { Schedule } from "../schedule.js";
import type { GuildRules } from "./guild-rules.js";

const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

export interface DwellGateOptions {
  /** Each guild's dwell time, looked up when a join arrives. */
  rulesFor: (guildId: string) => Pick<GuildRules, "dwellMs">;
  emit: (event: VoiceEventInput) => void;
  /**
   * Called once a held join's dwell time has run out and it went to `emit`: the member now counts as announced (the
   * voice snapshot leaves held members out, decision 0044).
   */
  released?: ((guildId: string) => void) | undefined;
  /** @default setTimeout */
  schedule?: Schedule | undefined;
}

interface Waiting {
  event: VoiceEventInput;
  cancel: () => void;
}

/**
 * Dwell time: a join is announced only once the member has stayed `dwellMs`. A leave within that time cancels the
 * join and is itself not reported (a short visit says nothing); a move within it retargets the pending join to the new
 * channel. The announced join keeps its original `occurredAt`, so the message says when the member really came.
 * Other events of a member whose join is still pending are dropped: the channel has not heard of them yet.
 */
export class DwellGate {
  private readonly waiting = new Map<string, Waiting>();
  private readonly rulesFor: DwellGateOptions["rulesFor"];
  private readonly emit: (event: VoiceEventInput) => void;
  private readonly released: ((guildId: string) => void) | undefined;
  private readonly schedule: Schedule;

  constructor(options: DwellGateOptions) {
    this.rulesFor = options.rulesFor;
    this.emit = options.emit;
    this.released = options.released;
    this.schedule = options.schedule ?? realSchedule;
  }

  offer(event: VoiceEventInput): void {
    const { dwellMs } = this.rulesFor(event.guild.id);
    if (dwellMs <= 0) {
      this.emit(event);
      return;
    }
    const key = `${event.guild.id}:${event.user.id}`;
    const pending = this.waiting.get(key);
    if (event.type === "join") {
      pending?.cancel();
      const entry: Waiting = { event, cancel: () => undefined };
      entry.cancel = this.schedule(() => {
        this.waiting.delete(key);
        this.emit(entry.event);
        this.released?.(entry.event.guild.id);
      }, dwellMs);
      this.waiting.set(key, entry);
      return;
    }
    if (pending === undefined) {
      this.emit(event);
      return;
    }
    if (event.type === "leave") {
      pending.cancel();
      this.waiting.delete(key);
    } else if (event.type === "move") {
      pending.event = { ...pending.event, channel: event.channel, membersInChannel: event.membersInChannel };
    }
  }

  /** Whether this member's join is still inside its dwell time (not announced yet). */
  holds(guildId: string, userId: string): boolean {
    return this.waiting.has(`${guildId}:${userId}`);
  }

  /** Joins still inside their dwell time; they are dropped on shutdown, having never been announced. */
  get size(): number {
    return this.waiting.size;
  }

  stop(): void {
    for (const entry of this.waiting.values()) entry.cancel();
    this.waiting.clear();
  }
}
