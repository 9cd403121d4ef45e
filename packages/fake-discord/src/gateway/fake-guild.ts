import type { FakePermissionOverwrite, GuildExtras } from "./guild-extras.js";

/** Discord's default `large_threshold`: a guild with more members than this is `large`. */
export const LARGE_THRESHOLD = 50;

/** The user the fake's token logs in as (READY's `user`); a real GUILD_CREATE lists its member too. */
export const FAKE_BOT_USER = { id: "900000000000000001", username: "stepcord", bot: true } as const;

/** One member's voice state, as in GUILD_CREATE's `voice_states` and VOICE_STATE_UPDATE. */
export interface FakeVoiceState {
  user_id: string;
  channel_id: string | null;
  guild_id?: string;
  session_id?: string;
  deaf?: boolean;
  mute?: boolean;
  self_deaf?: boolean;
  self_mute?: boolean;
  self_stream?: boolean;
  self_video?: boolean;
  suppress?: boolean;
  request_to_speak_timestamp?: string | null;
  /**
   * The member object a VOICE_STATE_UPDATE carries; by default the guild's member with this id, if any. `null` sends
   * the update without one.
   */
  member?: FakeMember | null | undefined;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  avatar?: string | null;
  bot?: boolean;
}

export interface FakeMember {
  user: FakeUser;
  nick?: string | null;
  roles?: string[];
}

export interface FakeChannel {
  id: string;
  name: string;
  /** 0 text, 2 voice, 4 category, 13 stage. */
  type: number;
  parent_id?: string | null;
  permission_overwrites?: FakePermissionOverwrite[];
  topic?: string | null;
  bitrate?: number;
  user_limit?: number;
}

/** A guild as the fake gateway announces it in GUILD_CREATE. */
export interface FakeGuild {
  id: string;
  name: string;
  channels: FakeChannel[];
  members: FakeMember[];
  voice_states: FakeVoiceState[];
  afk_channel_id?: string | null;
  /**
   * The guild's total member count. Without the privileged GUILD_MEMBERS intent, Discord sends only the members in
   * voice (and the bot) in `members`, so this is usually far more than `members.length`.
   * @default members.length
   */
  member_count?: number;
  /** What a real GUILD_CREATE also carries: roles besides @everyone, emojis, stickers, threads, events, stages. */
  extra?: GuildExtras;
}

export function voiceStatePayload(state: FakeVoiceState, guildId: string): Record<string, unknown> {
  return {
    guild_id: guildId,
    session_id: state.session_id ?? `session-${state.user_id}`,
    deaf: false,
    mute: false,
    self_deaf: false,
    self_mute: false,
    self_stream: false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
    ...state,
  };
}

export function guildCreatePayload(guild: FakeGuild): Record<string, unknown> {
  const memberCount = guild.member_count ?? guild.members.length;
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: guild.members[0]?.user.id ?? "1",
    afk_channel_id: guild.afk_channel_id ?? null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id: guild.id,
        name: "@everyone",
        permissions: "0",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
      ...(guild.extra?.roles ?? []),
    ],
    emojis: guild.extra?.emojis ?? [],
    stickers: guild.extra?.stickers ?? [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    premium_tier: 0,
    preferred_locale: "en-US",
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: "2024-01-01T00:00:00.000Z",
    large: memberCount > LARGE_THRESHOLD,
    unavailable: false,
    member_count: memberCount,
    channels: guild.channels.map((c, position) => ({
      guild_id: guild.id,
      position,
      permission_overwrites: [],
      ...c,
    })),
    threads: guild.extra?.threads ?? [],
    presences: [],
    stage_instances: guild.extra?.stage_instances ?? [],
    guild_scheduled_events: guild.extra?.guild_scheduled_events ?? [],
    members: guild.members.map((m) => ({
      roles: [],
      joined_at: "2024-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      ...m,
    })),
    voice_states: guild.voice_states.map((v) => {
      const { member: _member, ...rest } = v;
      return voiceStatePayload(rest, guild.id);
    }),
  };
}
