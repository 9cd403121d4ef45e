import type { VoiceEventInput } from "@stepcord/events";
import type { GuildRules } from "./guild-rules.js";

export interface JoinCooldownsOptions {
  /** Each guild's cooldowns, looked up per event. */
  rulesFor: (guildId: string) => Pick<GuildRules, "userCooldownMs" | "channelCooldownMs">;
}

/**
 * Per-user and per-channel cooldowns on announced joins. They run on what is about to be sent (after the dwell time),
 * so a visit the dwell time dropped costs nothing, and they only ever hold back a join: a leave, a move or a toggle
 * always goes through, so a member's leave (with its session length) is never swallowed by their own join.
 */
export class JoinCooldowns {
  private readonly lastByUser = new Map<string, number>();
  private readonly lastByChannel = new Map<string, number>();
  private readonly rulesFor: JoinCooldownsOptions["rulesFor"];

  constructor(options: JoinCooldownsOptions) {
    this.rulesFor = options.rulesFor;
  }

  /** True when `event` may be sent at `nowMs`; an admitted join starts both cooldowns. */
  admit(event: VoiceEventInput, nowMs: number): boolean {
    if (event.type !== "join") return true;
    const { userCooldownMs, channelCooldownMs } = this.rulesFor(event.guild.id);
    const userKey = `${event.guild.id}:${event.user.id}`;
    if (this.cooling(this.lastByUser.get(userKey), userCooldownMs, nowMs)) return false;
    // Channel ids are snowflakes, unique across guilds.
    if (this.cooling(this.lastByChannel.get(event.channel.id), channelCooldownMs, nowMs)) return false;
    if (userCooldownMs > 0) this.lastByUser.set(userKey, nowMs);
    if (channelCooldownMs > 0) this.lastByChannel.set(event.channel.id, nowMs);
    return true;
  }

  private cooling(last: number | undefined, cooldownMs: number, nowMs: number): boolean {
    return cooldownMs > 0 && last !== undefined && nowMs - last < cooldownMs;
  }
}
