import type { VoiceEventType } from "@stepcord/events";
import type { RulesConfig } from "./config.js";

export interface RuleInput {
  type: VoiceEventType;
  guildId: string;
  channelId: string;
  userId: string;
  afkChannelId: string | null;
  isBot: boolean;
  isSelf: boolean;
  membersInChannel: number;
  nowMs: number;
}

/** Pure-in-time policy: allowlists, AFK exclusion, bots/self, member threshold, cooldowns, quiet hours. */
export class RuleGate {
  private readonly rules: RulesConfig;
  private readonly lastByUser = new Map<string, number>();
  private readonly lastByChannel = new Map<string, number>();

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
    const userKey = `${e.guildId}:${e.userId}`;
    const lastUser = this.lastByUser.get(userKey);
    const lastChannel = this.lastByChannel.get(e.channelId);
    if (r.userCooldownMs > 0 && lastUser !== undefined && e.nowMs - lastUser < r.userCooldownMs) return false;
    if (r.channelCooldownMs > 0 && lastChannel !== undefined && e.nowMs - lastChannel < r.channelCooldownMs)
      return false;
    this.lastByUser.set(userKey, e.nowMs);
    this.lastByChannel.set(e.channelId, e.nowMs);
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
