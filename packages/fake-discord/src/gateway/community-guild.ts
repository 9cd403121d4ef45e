import { FAKE_BOT_USER, type FakeChannel, type FakeGuild, type FakeMember } from "./fake-guild.js";
import type { FakePermissionOverwrite, FakeThread } from "./guild-extras.js";

/** How much of each part a community guild has; the defaults are a mid-sized community server. */
export interface CommunitySizes {
  /** @default 2000 */
  memberCount: number;
  /** Members in voice, spread over the voice channels; Discord sends a member object for each. @default 50 */
  voiceMembers: number;
  /** Every n-th member in voice is a bot (music bots sit in voice); 0 = none. @default 25 */
  botEvery: number;
  /** Roles besides @everyone. @default 30 */
  roles: number;
  /** @default 5 */
  categories: number;
  /** @default 30 */
  textChannels: number;
  /** @default 10 */
  voiceChannels: number;
  /** Stage channels; the first is live (a stage instance) when `liveStage` is set. @default 1 */
  stageChannels: number;
  /** @default false */
  liveStage: boolean;
  /** Custom emojis; Discord allows 50 to 250 by boost level. @default 100 */
  emojis: number;
  /** @default 15 */
  stickers: number;
  /** Active (unarchived) threads. @default 20 */
  threads: number;
  /** @default 5 */
  scheduledEvents: number;
}

export const COMMUNITY_SIZES: CommunitySizes = {
  memberCount: 2000,
  voiceMembers: 50,
  botEvery: 25,
  roles: 30,
  categories: 5,
  textChannels: 30,
  voiceChannels: 10,
  stageChannels: 1,
  liveStage: false,
  emojis: 100,
  stickers: 15,
  threads: 20,
  scheduledEvents: 5,
};

/** Snowflake-shaped ids that never collide across guilds: a kind digit, the guild index, a serial. */
function ids(guildIndex: number) {
  const g = String(guildIndex).padStart(6, "0");
  return (kind: number, n: number) => `${kind}${g}${String(n).padStart(10, "0")}`;
}

/**
 * A GUILD_CREATE as Discord sends it to a bot without the privileged GUILD_MEMBERS and GUILD_PRESENCES intents for a
 * community guild: every role, channel (in categories, with the category's permission overwrites, as synced channels
 * carry them), emoji, sticker, active thread and scheduled event, but members only for those in voice and the bot.
 * Deterministic for a given `index`.
 */
export function communityGuild(index: number, sizes: Partial<CommunitySizes> = {}): FakeGuild {
  const s = { ...COMMUNITY_SIZES, ...sizes };
  const id = ids(index);
  const guildId = id(1, 0);
  const roleIds = Array.from({ length: s.roles }, (_, r) => id(2, r));
  const overwrites = (n: number): FakePermissionOverwrite[] => [
    { id: guildId, type: 0, allow: "0", deny: n % 2 === 0 ? "0" : "1024" },
    { id: roleIds[n % Math.max(1, roleIds.length)] ?? guildId, type: 0, allow: "3145728", deny: "0" },
  ];
  const categories: FakeChannel[] = Array.from({ length: s.categories }, (_, c) => ({
    id: id(3, c),
    name: `Category ${c}`,
    type: 4,
    permission_overwrites: overwrites(c),
  }));
  const inCategory = (n: number) => {
    const parent = categories[n % Math.max(1, categories.length)];
    return { parent_id: parent?.id ?? null, permission_overwrites: parent?.permission_overwrites ?? [] };
  };
  const text: FakeChannel[] = Array.from({ length: s.textChannels }, (_, c) => ({
    id: id(4, c),
    name: `text-${c}`,
    type: 0,
    topic: `What channel ${c} is for`,
    ...inCategory(c),
  }));
  const voice: FakeChannel[] = Array.from({ length: s.voiceChannels }, (_, c) => ({
    id: id(5, c),
    name: `Voice ${c}`,
    type: 2,
    bitrate: 64000,
    user_limit: 0,
    ...inCategory(c),
  }));
  const stages: FakeChannel[] = Array.from({ length: s.stageChannels }, (_, c) => ({
    id: id(6, c),
    name: `Stage ${c}`,
    type: 13,
    bitrate: 64000,
    user_limit: 0,
    ...inCategory(c),
  }));
  const members: FakeMember[] = Array.from({ length: s.voiceMembers }, (_, m) => {
    const bot = s.botEvery > 0 && m % s.botEvery === s.botEvery - 1;
    return {
      user: {
        id: id(7, m),
        username: bot ? `music-bot-${m}` : `user${m}`,
        global_name: bot ? null : `User ${m}`,
        avatar: "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        ...(bot ? { bot: true } : {}),
      },
      nick: m % 3 === 0 ? `Nick ${m}` : null,
      roles: roleIds.filter((_, r) => r % 10 === m % 10),
    };
  });
  const owner = members[0]?.user.id ?? FAKE_BOT_USER.id;
  const voiceStates = members.map((m, n) => ({
    user_id: m.user.id,
    channel_id: voice[n % Math.max(1, voice.length)]?.id ?? null,
    self_mute: n % 4 === 0,
  }));
  const threads: FakeThread[] = Array.from({ length: s.threads }, (_, t) => ({
    id: id(8, t),
    guild_id: guildId,
    parent_id: text[t % Math.max(1, text.length)]?.id ?? guildId,
    owner_id: owner,
    name: `thread ${t}`,
    type: 11,
    last_message_id: null,
    message_count: 12,
    member_count: 4,
    total_message_sent: 12,
    rate_limit_per_user: 0,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: "2026-11-01T00:00:00.000Z",
      locked: false,
      create_timestamp: "2026-11-01T00:00:00.000Z",
    },
  }));
  const liveStage = s.liveStage ? stages[0] : undefined;
  return {
    id: guildId,
    name: `Community ${index}`,
    afk_channel_id: null,
    member_count: s.memberCount,
    channels: [...categories, ...text, ...voice, ...stages],
    members: [...members, { user: { ...FAKE_BOT_USER }, nick: null, roles: [] }],
    voice_states: voiceStates,
    extra: {
      roles: roleIds.map((roleId, r) => ({
        id: roleId,
        name: `role-${r}`,
        color: r * 1000,
        hoist: r < 3,
        position: r + 1,
        permissions: "104324673",
        managed: false,
        mentionable: r % 2 === 0,
        flags: 0,
      })),
      emojis: Array.from({ length: s.emojis }, (_, e) => ({
        id: id(9, e),
        name: `emoji_${e}`,
        roles: [],
        require_colons: true,
        managed: false,
        animated: e % 5 === 0,
        available: true,
      })),
      stickers: Array.from({ length: s.stickers }, (_, k) => ({
        id: id(9, 100_000 + k),
        name: `sticker ${k}`,
        description: "a guild sticker",
        tags: "smile",
        type: 2,
        format_type: 1,
        available: true,
        guild_id: guildId,
      })),
      threads,
      guild_scheduled_events: Array.from({ length: s.scheduledEvents }, (_, e) => ({
        id: id(9, 200_000 + e),
        guild_id: guildId,
        channel_id: voice[0]?.id ?? null,
        creator_id: owner,
        name: `event ${e}`,
        description: "game night",
        scheduled_start_time: "2026-12-01T20:00:00.000Z",
        scheduled_end_time: null,
        privacy_level: 2,
        status: 1,
        entity_type: 2,
        entity_id: null,
        entity_metadata: null,
        user_count: 12,
      })),
      stage_instances: liveStage
        ? [
            {
              id: id(9, 300_000),
              guild_id: guildId,
              channel_id: liveStage.id,
              topic: "Town hall",
              privacy_level: 2,
              discoverable_disabled: true,
              guild_scheduled_event_id: null,
            },
          ]
        : [],
    },
  };
}
