import { z } from "zod";

/** The contract's version. A breaking change to any schema here bumps it; the workflow refuses other versions. */
export const EVENT_SCHEMA_VERSION = 1;
/** A batch becomes one Discord message with one embed per event, and Discord allows at most 10 embeds. */
export const MAX_EVENTS_PER_BATCH = 10;

/** A Discord id: a 64-bit snowflake written in decimal. */
export const Snowflake = z
  .string()
  .regex(/^\d{15,20}$/, "must be a Discord snowflake (15-20 decimal digits)");

export const ChannelRef = z.strictObject({
  id: Snowflake,
  /** The channel's name as shown in Discord, for logs and the local demo; messages mention `<#id>`. */
  name: z.string().min(1).max(100),
});
export type ChannelRef = z.infer<typeof ChannelRef>;

export const GuildRef = z.strictObject({
  id: Snowflake,
  name: z.string().min(1).max(100),
});
export type GuildRef = z.infer<typeof GuildRef>;

export const UserRef = z.strictObject({
  id: Snowflake,
  /**
   * The member's display name, already markdown-escaped by the producer (discord.js `escapeMarkdown`),
   * so the workflow can put it into a message as is.
   */
  displayName: z.string().min(1).max(200),
  /** Guests joining through a voice invite have no guild member; their user is still known. */
  isGuest: z.boolean().default(false),
});
export type UserRef = z.infer<typeof UserRef>;

/** The kinds of voice event. `join`, `leave` and `move` are always on; the others are opt-in in the bot's rules. */
export const VOICE_EVENT_TYPES = [
  "join",
  "leave",
  "move",
  "stream_start",
  "stream_stop",
  "video_start",
  "video_stop",
  "speaker_start",
  "speaker_stop",
  "server_mute",
  "server_unmute",
  "server_deafen",
  "server_undeafen",
] as const;
export const VoiceEventType = z.enum(VOICE_EVENT_TYPES);
export type VoiceEventType = z.infer<typeof VoiceEventType>;

/** How long a member stayed, reported on `leave` when the producer saw the session start. */
export const Session = z.strictObject({
  seconds: z.int().nonnegative(),
  /** Human text for the message, e.g. `1h 05m`; see `formatSessionLength`. */
  text: z.string().min(1).max(40),
});
export type Session = z.infer<typeof Session>;

const eventFields = {
  /** Unique per event (UUID); the bot's outbox and the workflow use it to spot duplicates. */
  id: z.uuid(),
  occurredAt: z.iso.datetime({ offset: false }),
  guild: GuildRef,
  /** The channel the event happened in; for `move` the channel moved to, for `leave` the channel left. */
  channel: ChannelRef,
  user: UserRef,
  /** Members in `channel` right after the event (for `leave`, those who stayed). */
  membersInChannel: z.int().nonnegative().max(99_999),
};

const JoinEvent = z.strictObject({ ...eventFields, type: z.literal("join") });
const LeaveEvent = z.strictObject({ ...eventFields, type: z.literal("leave"), session: Session.optional() });
const MoveEvent = z.strictObject({ ...eventFields, type: z.literal("move"), fromChannel: ChannelRef });
const StateChangeEvent = z.strictObject({
  ...eventFields,
  type: VoiceEventType.exclude(["join", "leave", "move"]),
});

export const VoiceEvent = z.discriminatedUnion("type", [JoinEvent, LeaveEvent, MoveEvent, StateChangeEvent]);
export type VoiceEvent = z.infer<typeof VoiceEvent>;
/** What a producer writes before defaults are applied (e.g. `isGuest` may be left out). */
export type VoiceEventInput = z.input<typeof VoiceEvent>;

export const VoiceEventBatch = z.strictObject({
  version: z.literal(EVENT_SCHEMA_VERSION),
  /** Unique per batch (UUID); also the Step Functions execution's idempotency hint in logs. */
  batchId: z.uuid(),
  /** Quiet hours: the workflow posts with SUPPRESS_NOTIFICATIONS so nobody's phone buzzes. */
  quiet: z.boolean(),
  events: z.array(VoiceEvent).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type VoiceEventBatch = z.infer<typeof VoiceEventBatch>;
export type VoiceEventBatchInput = z.input<typeof VoiceEventBatch>;
