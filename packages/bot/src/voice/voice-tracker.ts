import { randomUUID } from "node:crypto";
import { formatSessionLength, type VoiceEventInput } from "@stepcord/events";
import { escapeMarkdown, type Guild, type VoiceState } from "discord.js";
import { allows, type RulesFor } from "../rules/guild-rules.js";
import { type Classified, classifyVoiceUpdate, diffSnapshots } from "./classify-voice-update.js";
import type { MemberDirectory, MemberName } from "./member-directory.js";
import { toSnapshot, type VoiceSnapshot } from "./voice-snapshot.js";

/**
 * The name shown for a member Discord sent no member data for. Not "Guest": Discord sends guests as members with the
 * IS_GUEST flag, so an unknown member is just unknown.
 */
export const UNKNOWN_MEMBER_NAME = "Unknown member";

/** One member in voice as saved across a restart: their state, when they came, and their name. */
export interface SavedVoiceMember {
  state: VoiceSnapshot;
  joinedAt?: number | undefined;
  name?: MemberName | undefined;
}

/** The tracker's knowledge of every guild, by guild id, as plain data. */
export type SavedVoice = Record<string, SavedVoiceMember[]>;

export interface VoiceTrackerOptions {
  /** Each guild's rules: its toggles, whether leaves carry the session length, and which changes are announced. */
  rulesFor: RulesFor;
  /** The bot's own user id once logged in; its own voice changes are never announced. */
  selfId: () => string | undefined;
  now: () => number;
  directory: MemberDirectory;
}

/**
 * Keeps the bot's own last known voice snapshot per guild (so a cache miss or a re-identify is
 * never mistaken for a join) and turns changes into VoiceEventInputs that pass the rules. Names and bot flags come
 * from the MemberDirectory, which forgets a member once the tracker has reported their leave.
 */
export class VoiceTracker {
  private readonly known = new Map<string, Map<string, VoiceSnapshot>>();
  private readonly joinedAt = new Map<string, number>();

  private readonly rulesFor: RulesFor;
  private readonly selfId: () => string | undefined;
  private readonly now: () => number;
  private readonly directory: MemberDirectory;

  constructor(options: VoiceTrackerOptions) {
    this.rulesFor = options.rulesFor;
    this.selfId = options.selfId;
    this.now = options.now;
    this.directory = options.directory;
  }

  /** What the tracker knows of one guild's voice channels, to be saved and given to `restore` after a restart. */
  savedGuild(guildId: string): SavedVoiceMember[] {
    return [...(this.known.get(guildId)?.values() ?? [])].map((state) => ({
      state,
      joinedAt: this.joinedAt.get(`${guildId}:${state.userId}`),
      name: this.directory.get(guildId, state.userId),
    }));
  }

  /**
   * Takes what an earlier process knew as the last known snapshot, so the first GUILD_CREATE after a restart is
   * diffed against it (reporting who came and went while the bot was down) instead of being a silent first sight.
   */
  restore(saved: SavedVoice): void {
    for (const [guildId, members] of Object.entries(saved)) {
      const map = new Map<string, VoiceSnapshot>();
      for (const { state, joinedAt, name } of members) {
        map.set(state.userId, state);
        if (joinedAt !== undefined) this.joinedAt.set(`${guildId}:${state.userId}`, joinedAt);
        if (name) this.directory.restore(guildId, state.userId, name);
      }
      this.known.set(guildId, map);
    }
  }

  /** First sight of a guild (or a re-identify): diff against what we knew, record the fresh snapshot. */
  syncGuild(guild: Guild): VoiceEventInput[] {
    const fresh = new Map<string, VoiceSnapshot>();
    for (const state of guild.voiceStates.cache.values())
      if (state.channelId) fresh.set(state.id, toSnapshot(state));
    const previous = this.known.get(guild.id);
    this.known.set(guild.id, fresh);
    if (!previous) {
      for (const s of fresh.values()) this.joinedAt.set(`${guild.id}:${s.userId}`, this.now());
      this.directory.retain(guild.id, new Set(fresh.keys()));
      return [];
    }
    const { toggles } = this.rulesFor(guild.id);
    const events = diffSnapshots(previous, fresh).flatMap(({ old, next }) =>
      this.toEvents(guild, next.userId, classifyVoiceUpdate(old, next, toggles)),
    );
    this.directory.retain(guild.id, new Set(fresh.keys()));
    return events;
  }

  update(next: VoiceState): VoiceEventInput[] {
    const guildMap = this.known.get(next.guild.id);
    const snapshot = toSnapshot(next);
    const old = guildMap ? (guildMap.get(next.id) ?? { ...snapshot, channelId: null }) : undefined;
    if (guildMap) {
      if (snapshot.channelId) guildMap.set(next.id, snapshot);
      else guildMap.delete(next.id);
    }
    const { toggles } = this.rulesFor(next.guild.id);
    const events = this.toEvents(next.guild, next.id, classifyVoiceUpdate(old, snapshot, toggles));
    if (!snapshot.channelId) this.directory.forget(next.guild.id, next.id);
    return events;
  }

  private toEvents(guild: Guild, userId: string, changes: Classified[]): VoiceEventInput[] {
    const nowMs = this.now();
    const rules = this.rulesFor(guild.id);
    const member = this.directory.get(guild.id, userId);
    const key = `${guild.id}:${userId}`;
    const events: VoiceEventInput[] = [];
    for (const c of changes) {
      const channel = {
        id: c.channelId,
        name: guild.channels.cache.get(c.channelId)?.name ?? "unknown-channel",
      };
      const membersInChannel = guild.voiceStates.cache.filter((v) => v.channelId === c.channelId).size;
      let session: { seconds: number; text: string } | undefined;
      if (c.type === "join" || c.type === "move") this.joinedAt.set(key, this.joinedAt.get(key) ?? nowMs);
      if (c.type === "join") this.joinedAt.set(key, nowMs);
      if (c.type === "leave") {
        const since = this.joinedAt.get(key);
        this.joinedAt.delete(key);
        if (since !== undefined && rules.sessionLength) {
          const seconds = Math.max(0, Math.round((nowMs - since) / 1000));
          session = { seconds, text: formatSessionLength(seconds) };
        }
      }
      const allowed = allows(rules, {
        type: c.type,
        guildId: guild.id,
        channelId: c.channelId,
        userId,
        afkChannelId: guild.afkChannelId,
        isBot: member?.bot ?? false,
        isSelf: userId === this.selfId(),
        membersInChannel,
        atMs: nowMs,
      });
      if (!allowed) continue;
      const base = {
        id: randomUUID(),
        occurredAt: new Date(nowMs).toISOString(),
        guild: { id: guild.id, name: guild.name },
        channel,
        user: {
          id: userId,
          displayName: escapeMarkdown(member?.displayName ?? UNKNOWN_MEMBER_NAME),
          isGuest: member?.guest === true,
        },
        membersInChannel,
      };
      if (c.type === "move" && c.fromChannelId) {
        const from = {
          id: c.fromChannelId,
          name: guild.channels.cache.get(c.fromChannelId)?.name ?? "unknown-channel",
        };
        events.push({ ...base, type: "move", fromChannel: from });
      } else if (c.type === "leave")
        events.push(session ? { ...base, type: "leave", session } : { ...base, type: "leave" });
      else events.push({ ...base, type: c.type } as VoiceEventInput);
    }
    return events;
  }
}
