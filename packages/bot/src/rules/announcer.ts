import type { VoiceEventInput } from "@stepcord/events";
import type { Logger } from "pino";
import type { Schedule } from "../schedule.js";
import { DwellGate } from "./dwell-gate.js";
import type { GuildRules } from "./guild-rules.js";
import { JoinCooldowns } from "./join-cooldowns.js";

export interface AnnouncerOptions {
  /** Each guild's dwell time and cooldowns. */
  rulesFor: (guildId: string) => Pick<GuildRules, "dwellMs" | "userCooldownMs" | "channelCooldownMs">;
  /** Receives each event to send (the batcher). */
  emit: (event: VoiceEventInput) => void;
  now: () => number;
  schedule?: Schedule | undefined;
  /** Called once a join held by the dwell time went on (announced, or dropped by a cooldown). */
  released?: ((guildId: string) => void) | undefined;
  /** Logs each event offered ("voice event"); silent when left out. */
  logger?: Logger | undefined;
}

/**
 * The last steps before the batcher, in this order: the dwell time (a short visit says nothing), then the join
 * cooldowns, which therefore count only joins that are really announced.
 */
export class Announcer {
  private readonly dwell: DwellGate;
  private readonly logger: Logger | undefined;
  private stopped = false;

  constructor(options: AnnouncerOptions) {
    const { rulesFor, emit, now } = options;
    const cooldowns = new JoinCooldowns({ rulesFor });
    this.logger = options.logger;
    this.dwell = new DwellGate({
      rulesFor,
      emit: (event) => {
        if (cooldowns.admit(event, now())) emit(event);
      },
      schedule: options.schedule,
      released: options.released,
    });
  }

  /**
   * Whether this member's join is held by the dwell time: not announced yet, so the voice snapshot must not have the
   * member (a crash would lose the join otherwise; decision 0044).
   */
  holds(guildId: string, userId: string): boolean {
    return this.dwell.holds(guildId, userId);
  }

  /** Takes the tracker's events; after stop() they are ignored, for the bot is shutting down. */
  offer(event: VoiceEventInput): void {
    if (this.stopped) return;
    this.logger?.info(
      { guildId: event.guild.id, channelId: event.channel.id, eventId: event.id, type: event.type },
      "voice event",
    );
    this.dwell.offer(event);
  }

  /** Drops joins still inside their dwell time; they were never announced. */
  stop(): void {
    this.stopped = true;
    this.dwell.stop();
  }
}
