import type { VoiceEventType } from "@stepcord/events";
import type { RulesConfig } from "../config/config.js";

export interface RuleInput {
  type: VoiceEventType;
  guildId: string;
  channelId: string;
  userId: string;
  afkChannelId: string | null;
  isBot: boolean;
  isSelf: boolean;
  membersInChannel: number;
}

/**
 * Which voice events are worth announcing at all: allowlists, AFK exclusion, bots/self, the member threshold, first
 * joiner only; and quiet hours. Stateless; the join cooldowns run later, on what is really sent (JoinCooldowns).
 */
export class RuleGate {
  private readonly rules: RulesConfig;

  constructor(rules: RulesConfig) {
    this.rules = rules;
  }

  allow(e: RuleInput): boolean {
    const r = this.rules;
    if (e.isSelf || (e.isBot && !r.includeBots)) return false;
    if (r.guilds.length > 0 && !r.guilds.includes(e.guildId)) return false;
    if (r.channels.length > 0 && !r.channels.includes(e.channelId)) return false;
    if (r.excludeAfk && e.afkChannelId === e.channelId) return false;
    if (e.type === "join" && e.membersInChannel < r.minMembers) return false;
    // membersInChannel counts the joiner: 1 means the channel was empty before.
    if (e.type === "join" && r.firstJoinerOnly && e.membersInChannel > 1) return false;
    return true;
  }

  /** Quiet hours are UTC START-END, wrapping midnight when START > END. */
  isQuiet(nowMs: number): boolean {
    const q = this.rules.quietHours;
    if (!q) return false;
    const h = new Date(nowMs).getUTCHours();
    return q.start <= q.end ? h >= q.start && h < q.end : h >= q.start || h < q.end;
  }
}
