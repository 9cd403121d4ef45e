import { VOICE_EVENT_TYPES, type VoiceEventType } from "@stepcord/events";
import type { QuietWindow } from "./quiet-hours.js";

/** Opt-in toggles; join/leave/move are always classified. */
export interface ToggleRules {
  stream: boolean;
  video: boolean;
  speaker: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
}

/**
 * The rules one guild's announcements follow, from which voice changes are worth a message to when nobody's phone
 * should buzz. The environment's rules are every guild's defaults; a server's own rules (`stepcord:servers`, through
 * `rulesForServers`) override them for that guild.
 */
export interface GuildRules {
  /** Guilds served at all; empty = every guild. */
  guilds: string[];
  /** Voice channels announced; empty = every channel. */
  channels: string[];
  /** Voice channels never announced; wins over `channels`. */
  deniedChannels: string[];
  /** The event types announced; the toggles decide which of the opt-in ones are classified at all. */
  eventTypes: ReadonlySet<VoiceEventType>;
  excludeAfk: boolean;
  includeBots: boolean;
  minMembers: number;
  /** Announce a join only when the channel was empty before it (the joiner is the only one there). */
  firstJoinerOnly: boolean;
  userCooldownMs: number;
  channelCooldownMs: number;
  /** Announce a join only after the member stayed this long; a shorter visit reports nothing. */
  dwellMs: number;
  quietHours: QuietWindow | undefined;
  /**
   * Nothing is announced before this epoch ms (`/stepcord pause`; Infinity until `/stepcord resume`); undefined =
   * not paused. What happens during a pause is dropped, not held for later.
   */
  pausedUntilMs: number | undefined;
  sessionLength: boolean;
  toggles: ToggleRules;
}

/** The one way any stage of the bot reaches rules: by the guild the event happened in. */
export type RulesFor = (guildId: string) => GuildRules;

/** Every event type: the environment announces whatever its toggles let the classifier find. */
export const EVERY_EVENT_TYPE: ReadonlySet<VoiceEventType> = new Set(VOICE_EVENT_TYPES);

/** The lookup while every guild follows the environment's rules. */
export function sameRulesForEveryGuild(rules: GuildRules): RulesFor {
  return () => rules;
}

/** What the tracker knows of a voice change beyond the event itself, for `allows`. */
export interface RuleInput {
  type: VoiceEventType;
  guildId: string;
  channelId: string;
  userId: string;
  afkChannelId: string | null;
  isBot: boolean;
  isSelf: boolean;
  membersInChannel: number;
  /** When the change happened (epoch ms), for a pause. */
  atMs: number;
}

/**
 * Which voice events are worth announcing at all: a pause, event types, deny and allow lists, AFK exclusion, bots/self, the
 * member threshold, first joiner only. Stateless; the dwell time and join cooldowns run later, on what is really sent (Announcer).
 */
export function allows(r: GuildRules, e: RuleInput): boolean {
  if (e.isSelf || (e.isBot && !r.includeBots)) return false;
  if (r.pausedUntilMs !== undefined && e.atMs < r.pausedUntilMs) return false;
  if (r.guilds.length > 0 && !r.guilds.includes(e.guildId)) return false;
  if (!r.eventTypes.has(e.type)) return false;
  if (r.deniedChannels.includes(e.channelId)) return false;
  if (r.channels.length > 0 && !r.channels.includes(e.channelId)) return false;
  if (r.excludeAfk && e.afkChannelId === e.channelId) return false;
  if (e.type === "join" && e.membersInChannel < r.minMembers) return false;
  // membersInChannel counts the joiner: 1 means the channel was empty before.
  if (e.type === "join" && r.firstJoinerOnly && e.membersInChannel > 1) return false;
  return true;
}
