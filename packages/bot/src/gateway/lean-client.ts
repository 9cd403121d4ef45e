import {
  Client,
  Events,
  GatewayDispatchEvents,
  GatewayIntentBits,
  Options,
  type RateLimitData,
} from "discord.js";
import type { MemberDirectory, RawMember } from "../voice/member-directory.js";
import { SlotIdentifyThrottler } from "./identify-slots.js";
import { type RawGuildPayload, slimGuildPayload } from "./slim-guild-payload.js";

/**
 * discord.js caches the bot never reads are kept at 0. Members and users are 0 too, except the bot itself: the
 * MemberDirectory holds the names of members in voice. Voice states stay unlimited (the tracker reads them); guilds,
 * channels and roles cannot be limited here (discord.js does not support it), slimGuildPayload trims them instead.
 */
export function trimmedCaches() {
  return Options.cacheWithLimits({
    ...Options.DefaultMakeCacheSettings,
    GuildMemberManager: { maxSize: 0, keepOverLimit: (member) => member.id === member.client.user.id },
    UserManager: { maxSize: 0, keepOverLimit: (user) => user.id === user.client.user?.id },
    MessageManager: 0,
    PresenceManager: 0,
    ReactionManager: 0,
    ReactionUserManager: 0,
    GuildEmojiManager: 0,
    GuildStickerManager: 0,
    ThreadManager: 0,
    ThreadMemberManager: 0,
    GuildInviteManager: 0,
    GuildBanManager: 0,
    GuildScheduledEventManager: 0,
    StageInstanceManager: 0,
    ApplicationCommandManager: 0,
    AutoModerationRuleManager: 0,
    BaseGuildEmojiManager: 0,
    GuildMessageManager: 0,
    DMMessageManager: 0,
  });
}

/**
 * The discord.js versions whose WebSocketManager emits `raw` with the dispatch object and then parses that same
 * object, which is what lets the `raw` listener below slim a GUILD_CREATE before discord.js reads it. Read in
 * discordjs/discord.js packages/discord.js/src/client/websocket/WebSocketManager.js, attachEvents(): `emit(Events.Raw,
 * data, shardId)` then `handlePacket(data, shard)`, from c429763be ("emit raw ws events again", 14.11.0) to the v14
 * branch head and the installed 14.28.1. discord.js 15 (main) folds @discordjs/ws into the client and drops this
 * file, so it is outside the range until re-read. discord.js documents no supported hook that runs before parsing.
 */
export const RAW_REWRITE_DISCORDJS_RANGE = { from: "14.11.0", before: "15.0.0" } as const;

export interface LeanClientOptions {
  directory: MemberDirectory;
  /** REST base, e.g. the fake Discord's; discord.js's default otherwise. */
  restUrl?: string | undefined;
  /**
   * Told of every 429 discord.js meets, before it waits `retryAfter` out: through @discordjs/rest's documented
   * `rejectOnRateLimit` option, which is asked on each 429 (answering false, so discord.js still waits and retries).
   * Without it a Cloudflare ban (hours of Retry-After) is a silent sleep.
   */
  onRateLimited?: ((info: RateLimitData) => void) | undefined;
  /**
   * The shards this process runs (`ids`, of `count` in all); one shard, [0] of 1, by default. When another process
   * runs the rest, each shard identifies in its slot of the schedule all tasks share (SlotIdentifyThrottler).
   */
  shards?: { count: number; ids: number[] } | undefined;
}

interface RawDispatch {
  t: string | null;
  d: unknown;
}

/**
 * The bot's discord.js client: intents Guilds and GuildVoiceStates, trimmedCaches(), and a `raw` listener that
 * records member names in the directory and slims each GUILD_CREATE and GUILD_UPDATE before discord.js builds its
 * structures from it. discord.js emits `raw` with the dispatch object and then handles that same object, so
 * replacing its `d` here is what discord.js parses (pinned by the bot's lean-caches test). A leaver's voice state is
 * dropped from the cache: the tracker keeps its own snapshot, and counts members in a channel, not leavers.
 */
export function createLeanClient(options: LeanClientOptions): Client {
  const { directory } = options;
  const shards = options.shards ?? { count: 1, ids: [0] };
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    makeCache: trimmedCaches(),
    // discord.js also reads SHARDS and SHARD_COUNT from process.env (set by its ShardingManager) for an option left at
    // its default (src/client/Client.js, constructor): `shards` never is, and a shardCount of 1, the default, can only
    // meet the SHARD_COUNT this config was read from.
    shards: shards.ids,
    shardCount: shards.count,
    ...(shards.ids.length < shards.count
      ? { ws: { buildIdentifyThrottler: SlotIdentifyThrottler.builder(shards.count) } }
      : {}),
    rest: {
      ...(options.restUrl ? { api: options.restUrl } : {}),
      rejectOnRateLimit: (info: RateLimitData) => {
        options.onRateLimited?.(info);
        return false;
      },
    },
  });
  client.on(Events.Raw, (packet: RawDispatch) => {
    if (packet.t === GatewayDispatchEvents.GuildCreate) {
      const guild = packet.d as RawGuildPayload & { voice_states?: Array<{ user_id: string }> };
      const inVoice = new Set(guild.voice_states?.map((state) => state.user_id));
      for (const member of (guild.members ?? []) as RawMember[])
        if (member.user && inVoice.has(member.user.id)) directory.note(guild.id, member);
      packet.d = slimGuildPayload(guild, client.user?.id);
    } else if (packet.t === GatewayDispatchEvents.GuildUpdate) {
      packet.d = slimGuildPayload(packet.d as RawGuildPayload, client.user?.id);
    } else if (packet.t === GatewayDispatchEvents.VoiceStateUpdate) {
      const state = packet.d as {
        guild_id?: string;
        user_id: string;
        channel_id: string | null;
        member?: RawMember;
      };
      // A leave refreshes a known name (the tracker forgets it after reporting); it never adds one to forget.
      const known =
        state.guild_id !== undefined && directory.get(state.guild_id, state.user_id) !== undefined;
      if (state.guild_id && state.member && (state.channel_id !== null || known))
        directory.note(state.guild_id, state.member);
    } else if (packet.t === GatewayDispatchEvents.GuildDelete) {
      const gone = packet.d as { id: string; unavailable?: boolean };
      // An outage (unavailable) keeps the names: the guild comes back with a GUILD_CREATE to diff against.
      if (!gone.unavailable) directory.forgetGuild(gone.id);
    }
  });
  // discord.js keeps a voice state with no channel for everyone who ever left; nothing here reads those.
  client.on(Events.VoiceStateUpdate, (_old, next) => {
    if (next.channelId === null) next.guild.voiceStates.cache.delete(next.id);
  });
  return client;
}
