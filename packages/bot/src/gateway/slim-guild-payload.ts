import { ChannelType } from "discord.js";

/** The parts of a GUILD_CREATE or GUILD_UPDATE payload read here; every other field passes through unchanged. */
export interface RawGuildPayload {
  id: string;
  roles?: Array<{ id: string }>;
  channels?: Array<{ type: number; permission_overwrites?: unknown[] }>;
  members?: Array<{ user?: { id: string } }>;
  [field: string]: unknown;
}

/** Channels a voice state can point at; the only ones whose names the bot reports. */
const VOICE_CHANNEL_TYPES: ReadonlySet<number> = new Set([
  ChannelType.GuildVoice,
  ChannelType.GuildStageVoice,
]);

/** Fields the bot never reads; discord.js would otherwise build an object for every entry. */
const UNREAD_FIELDS = [
  "emojis",
  "stickers",
  "threads",
  "guild_scheduled_events",
  "stage_instances",
  "soundboard_sounds",
  "presences",
] as const;

/**
 * A copy of a guild payload with only what the bot reads: voice and stage channels (without permission overwrites,
 * the bot checks no permissions), the @everyone role, the bot's own member, and everything else about the guild
 * itself. Emojis, stickers, threads, scheduled events, stage instances, soundboard sounds and presences are left
 * out, and so are the other members: their names go to the MemberDirectory first. `makeCache` cannot do this:
 * discord.js does not support limiting its channel and role caches.
 */
export function slimGuildPayload<P extends RawGuildPayload>(payload: P, selfId: string | undefined): P {
  const slim: RawGuildPayload = { ...payload };
  for (const field of UNREAD_FIELDS) delete slim[field];
  if (payload.roles) slim.roles = payload.roles.filter((role) => role.id === payload.id);
  if (payload.channels)
    slim.channels = payload.channels
      .filter((channel) => VOICE_CHANNEL_TYPES.has(channel.type))
      .map((channel) => ({ ...channel, permission_overwrites: [] }));
  if (payload.members) slim.members = payload.members.filter((member) => member.user?.id === selfId);
  return slim as P;
}
