/**
 * The rules of Discord's gateway that the fake holds, each with its source in discord/discord-api-docs (read at
 * c98d64b): developers/events/gateway.mdx ("gateway.mdx"), developers/events/gateway-events.mdx,
 * developers/topics/opcodes-and-status-codes.mdx ("opcodes"), developers/resources/guild.mdx.
 * Pure data and functions; the server in start-fake-discord.ts applies them.
 */

/** opcodes, "Gateway Opcodes". */
export const Op = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  PresenceUpdate: 3,
  VoiceStateUpdate: 4,
  Resume: 6,
  Reconnect: 7,
  RequestGuildMembers: 8,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
  RequestSoundboardSounds: 31,
  RequestChannelInfo: 43,
} as const;

/**
 * reference.mdx, "API Versions": 10 and 9 available, 8 to 6 deprecated, 5 to 3 discontinued; opcodes, 4012 "You sent
 * an invalid version for the gateway". Without `v` the fake assumes 10 (gateway.mdx, "Connecting", only advises it).
 */
export const GATEWAY_VERSIONS: ReadonlySet<number> = new Set([6, 7, 8, 9, 10]);

/** The opcodes a client may send (opcodes, "Gateway Opcodes", Client Action "Send" or "Send/Receive"). */
export const CLIENT_OPCODES: ReadonlySet<number> = new Set([
  Op.Heartbeat,
  Op.Identify,
  Op.PresenceUpdate,
  Op.VoiceStateUpdate,
  Op.Resume,
  Op.RequestGuildMembers,
  Op.RequestSoundboardSounds,
  Op.RequestChannelInfo,
]);

/** opcodes, "Gateway Close Event Codes". */
export const Close = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  RateLimited: 4008,
  SessionTimedOut: 4009,
  InvalidShard: 4010,
  ShardingRequired: 4011,
  InvalidApiVersion: 4012,
  InvalidIntents: 4013,
  DisallowedIntents: 4014,
} as const;
export type CloseCode = (typeof Close)[keyof typeof Close];

/** gateway.mdx, "List of Intents": the bits Discord defines (1<<0 … 1<<16, 1<<20, 1<<21, 1<<24, 1<<25). */
export const Intent = {
  GUILDS: 1 << 0,
  GUILD_MEMBERS: 1 << 1,
  GUILD_VOICE_STATES: 1 << 7,
  GUILD_PRESENCES: 1 << 8,
  MESSAGE_CONTENT: 1 << 15,
} as const;
const DEFINED_INTENT_BITS = [...Array.from({ length: 17 }, (_, i) => i), 20, 21, 24, 25];
export const DEFINED_INTENTS_MASK = DEFINED_INTENT_BITS.reduce((mask, bit) => mask | (1 << bit), 0);

/** gateway.mdx, "Privileged Intents": GUILD_PRESENCES, GUILD_MEMBERS and MESSAGE_CONTENT. */
export type PrivilegedIntent = "GUILD_MEMBERS" | "GUILD_PRESENCES" | "MESSAGE_CONTENT";
export const PRIVILEGED_INTENTS: readonly PrivilegedIntent[] = [
  "GUILD_MEMBERS",
  "GUILD_PRESENCES",
  "MESSAGE_CONTENT",
];

/**
 * The close code an IDENTIFY's intents earn, if any. opcodes, 4013 "You sent an invalid intent … incorrectly
 * calculated the bitwise value"; gateway.mdx, "Gateway Restrictions": "If you pass a privileged intent in the
 * `intents` parameter without configuring it in your app's settings … closed with a 4014 close code". Intents are
 * required from v8 on (gateway.mdx, "Gateway Intents").
 */
export function intentsVerdict(
  intents: unknown,
  granted: readonly PrivilegedIntent[],
): CloseCode | undefined {
  if (typeof intents !== "number" || !Number.isInteger(intents) || intents < 0) return Close.InvalidIntents;
  if ((intents & ~DEFINED_INTENTS_MASK) !== 0) return Close.InvalidIntents;
  for (const name of PRIVILEGED_INTENTS)
    if ((intents & Intent[name]) !== 0 && !granted.includes(name)) return Close.DisallowedIntents;
  return undefined;
}

/** gateway.mdx, "Sharding": "Each shard can only support a maximum of 2500 guilds". */
export const MAX_GUILDS_PER_SHARD = 2500;

/** gateway.mdx, "Sharding Formula": `shard_id = (guild_id >> 22) % num_shards`. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * The shard an IDENTIFY asks for, or the close code it earns. gateway-events.mdx, "Identify Structure": `shard?` is
 * "array of two integers (shard_id, num_shards)", zero-based (gateway.mdx, "Sharding"); opcodes, 4010 "You sent us an
 * invalid shard when identifying". Without `shard` the session is [0, 1].
 */
export function shardVerdict(shard: unknown): [number, number] | CloseCode {
  if (shard === undefined) return [0, 1];
  if (!Array.isArray(shard) || shard.length !== 2) return Close.InvalidShard;
  const [id, count] = shard as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return Close.InvalidShard;
  if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number))
    return Close.InvalidShard;
  return [id as number, count as number];
}

/** gateway.mdx, "Max Concurrency": `rate_limit_key = shard_id % max_concurrency`. */
export function rateLimitKey(shardId: number, maxConcurrency: number): number {
  return shardId % maxConcurrency;
}

/**
 * gateway.mdx, "Session Start Limit Structure": `max_concurrency` is the "Number of identify requests allowed per 5
 * seconds"; "Rate Limiting": over it, "the Gateway will respond with an Invalid Session (opcode 9)".
 */
export const IDENTIFY_WINDOW_MS = 5_000;

/**
 * gateway.mdx, "Identifying": "Clients are limited to 1000 IDENTIFY calls to the websocket in a 24-hour period …
 * does not include RESUME calls. Upon hitting this limit, all active sessions for the app will be terminated, the bot
 * token will be reset".
 */
export const SESSION_START_LIMIT = 1000;
export const SESSION_START_RESET_MS = 86_400_000;

/**
 * gateway.mdx, "Rate Limiting": "Apps can send 120 gateway events per connection every 60 seconds … Apps that surpass
 * the limit are immediately disconnected" (opcodes, 4008 "Rate limited").
 */
export const SEND_LIMIT = 120;
export const SEND_WINDOW_MS = 60_000;

/**
 * How long after its last heartbeat (or HELLO) the fake waits before closing a connection. gateway.mdx, "Heartbeat
 * Interval": "If your app fails to send a heartbeat event in time, your connection will be closed" and "There is
 * already tolerance in the heartbeat_interval that will cover network latency". Discord does not publish the
 * tolerance; the fake allows half an interval.
 */
export function heartbeatDeadlineMs(heartbeatIntervalMs: number): number {
  return Math.ceil(heartbeatIntervalMs * 1.5);
}

/** guild.mdx, "Guild Member Flags": IS_GUEST `1 << 4`, "Member is a guest and can only access the voice channel". */
export const GUILD_MEMBER_FLAG_IS_GUEST = 1 << 4;
