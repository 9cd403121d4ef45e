// What a real GUILD_CREATE carries besides channels, members and voice states, in Discord's own JSON field names
// (https://discord.com/developers/docs/topics/gateway-events#guild-create and the resources it links to). Optional
// fields Discord may omit are optional here too.

/** https://discord.com/developers/docs/topics/permissions#role-object */
export interface FakeRole {
  id: string;
  name: string;
  color: number;
  hoist: boolean;
  icon?: string | null;
  unicode_emoji?: string | null;
  position: number;
  /** A bit set, as a decimal string. */
  permissions: string;
  managed: boolean;
  mentionable: boolean;
  flags: number;
}

/** https://discord.com/developers/docs/resources/emoji#emoji-object */
export interface FakeEmoji {
  id: string;
  name: string;
  roles: string[];
  require_colons: boolean;
  managed: boolean;
  animated: boolean;
  available: boolean;
}

/** https://discord.com/developers/docs/resources/sticker#sticker-object (type 2 = guild sticker). */
export interface FakeSticker {
  id: string;
  name: string;
  description: string | null;
  /** Autocomplete keywords, comma-separated. */
  tags: string;
  type: 2;
  /** 1 PNG, 2 APNG, 3 LOTTIE, 4 GIF. */
  format_type: 1 | 2 | 3 | 4;
  available: boolean;
  guild_id: string;
}

/** https://discord.com/developers/docs/resources/channel#overwrite-object (type 0 role, 1 member). */
export interface FakePermissionOverwrite {
  id: string;
  type: 0 | 1;
  allow: string;
  deny: string;
}

/** An active thread: https://discord.com/developers/docs/resources/channel#channel-object (11 public, 12 private). */
export interface FakeThread {
  id: string;
  guild_id: string;
  parent_id: string;
  owner_id: string;
  name: string;
  type: 11 | 12;
  last_message_id: string | null;
  message_count: number;
  member_count: number;
  total_message_sent: number;
  rate_limit_per_user: number;
  flags: number;
  thread_metadata: {
    archived: boolean;
    auto_archive_duration: 60 | 1440 | 4320 | 10080;
    archive_timestamp: string;
    locked: boolean;
    create_timestamp?: string;
  };
}

/** https://discord.com/developers/docs/resources/guild-scheduled-event#guild-scheduled-event-object */
export interface FakeScheduledEvent {
  id: string;
  guild_id: string;
  channel_id: string | null;
  creator_id: string;
  name: string;
  description: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  /** 2 = guild only. */
  privacy_level: 2;
  /** 1 scheduled, 2 active, 3 completed, 4 canceled. */
  status: 1 | 2 | 3 | 4;
  /** 1 stage instance, 2 voice, 3 external. */
  entity_type: 1 | 2 | 3;
  entity_id: string | null;
  entity_metadata: { location?: string } | null;
  user_count?: number;
}

/** A live stage: https://discord.com/developers/docs/resources/stage-instance#stage-instance-object */
export interface FakeStageInstance {
  id: string;
  guild_id: string;
  channel_id: string;
  topic: string;
  /** 2 = guild only. */
  privacy_level: 2;
  discoverable_disabled: boolean;
  guild_scheduled_event_id: string | null;
}

/** The optional parts of a GUILD_CREATE; each is sent as given (roles after the implicit @everyone). */
export interface GuildExtras {
  roles?: FakeRole[];
  emojis?: FakeEmoji[];
  stickers?: FakeSticker[];
  threads?: FakeThread[];
  guild_scheduled_events?: FakeScheduledEvent[];
  stage_instances?: FakeStageInstance[];
}
