import { GUILD_MEMBER_FLAG_IS_GUEST } from "./gateway-protocol.js";
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
  /**
   * A guest invited to one voice channel (guild.mdx, "Guild Member Flags": IS_GUEST `1 << 4`; "Member objects
   * retrieved from VOICE_STATE_UPDATE events will have `joined_at` set as `null` if the member was invited as a
   * guest"). Discord sends a guest as a member, not as `member: null`.
   * @default false
   */
  guest?: boolean;
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

/**
 * A voice state as Discord sends it. resources/voice.mdx, "Voice State Structure": `self_stream?` is optional and
 * Discord omits it when the member is not streaming; `guild_id?` is there in VOICE_STATE_UPDATE, while GUILD_CREATE's
 * `voice_states` "lacks the `guild_id` key" (gateway-events.mdx, "Guild Create Extra Fields") — pass `guildId`
 * undefined for those.
 */
export function voiceStatePayload(
  state: FakeVoiceState,
  guildId: string | undefined,
): Record<string, unknown> {
  const { member: _member, guild_id: _guildId, self_stream, ...rest } = state;
  return {
    ...(guildId === undefined ? {} : { guild_id: guildId }),
    session_id: state.session_id ?? `session-${state.user_id}`,
    deaf: false,
    mute: false,
    self_deaf: false,
    self_mute: false,
    self_video: false,
    suppress: false,
    request_to_speak_timestamp: null,
    ...rest,
    ...(self_stream === true ? { self_stream: true } : {}),
  };
}

/**
 * A guild member object (guild.mdx, "Guild Member Structure"): `joined_at` is null and `flags` has IS_GUEST for a
 * guest; `flags` "defaults to 0".
 */
export function memberPayload(member: FakeMember): Record<string, unknown> {
  const { guest, ...rest } = member;
  return {
    roles: [],
    joined_at: guest === true ? null : "2024-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: guest === true ? GUILD_MEMBER_FLAG_IS_GUEST : 0,
    ...rest,
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
    members: guild.members.map(memberPayload),
    voice_states: guild.voice_states.map((v) => voiceStatePayload(v, undefined)),
  };
}
