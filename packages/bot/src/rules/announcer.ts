import type { VoiceEventInput } from "@stepcord/events";
import type { RulesConfig } from "../config/config.js";
import { DwellGate, type Schedule } from "./dwell-gate.js";
import { JoinCooldowns } from "./join-cooldowns.js";

export interface AnnouncerOptions {
  rules: Pick<RulesConfig, "dwellMs" | "userCooldownMs" | "channelCooldownMs">;
  /** Receives each event to send (the batcher). */
  emit: (event: VoiceEventInput) => void;
  now: () => number;
  schedule?: Schedule;
}

/**
 * The last steps before the batcher, in this order: the dwell time (a short visit says nothing), then the join
 * cooldowns, which therefore count only joins that are really announced.
 */
export class Announcer {
  private readonly dwell: DwellGate;

  constructor(options: AnnouncerOptions) {
    const { rules, emit, now } = options;
    const cooldowns = new JoinCooldowns(rules.userCooldownMs, rules.channelCooldownMs);
    this.dwell = new DwellGate(
      rules.dwellMs,
      (event) => {
        if (cooldowns.admit(event, now())) emit(event);
      },
      options.schedule,
    );
  }

  offer(event: VoiceEventInput): void {
    this.dwell.offer(event);
  }

  /** Drops joins still inside their dwell time; they were never announced. */
  stop(): void {
    this.dwell.stop();
  }
}
