import { Snowflake } from "@stepcord/events";
import { z } from "zod";

/**
 * The kinds of voice activity a server can ask to hear about. `join`, `leave` and `move` map to the event types of
 * the same name; the others each cover a start/stop pair of `VOICE_EVENT_TYPES` (stream = stream_start and
 * stream_stop, serverMute = server_mute and server_unmute, …).
 */
export const EVENT_KINDS = [
  "join",
  "leave",
  "move",
  "stream",
  "video",
  "speaker",
  "serverMute",
  "serverDeaf",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` on a 24-hour clock. Kept as text, so parsing a parsed value (the bot reading stack outputs) is a no-op. */
const ClockTime = z
  .string()
  .regex(CLOCK_TIME, 'must be a time of day on a 24-hour clock, such as "23:00" or "07:30"');

/** Minutes after midnight of a validated `HH:MM`. */
export function minutesOfDay(clockTime: string): number {
  const match = CLOCK_TIME.exec(clockTime);
  if (!match) throw new RangeError(`${JSON.stringify(clockTime)} is not HH:MM on a 24-hour clock`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * An IANA time zone such as `Asia/Tokyo` or `UTC`, as the runtime's ICU knows it. `Intl.DateTimeFormat` throws a
 * RangeError for a name it does not know (ECMA-402, IsValidTimeZoneName), which is the check Node applies later anyway.
 */
export const TimeZone = z.string().refine(
  (name) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone, such as "Asia/Tokyo", "Europe/Berlin" or "UTC"' },
);

/** Quiet hours in a server's own time zone: messages still post, but without a notification sound. */
export const QuietHours = z.strictObject({
  /** Start, `HH:MM`, inclusive. */
  from: ClockTime,
  /** End, `HH:MM`, exclusive; an end before the start wraps past midnight. */
  to: ClockTime,
  /** @default "UTC" */
  timeZone: TimeZone.default("UTC"),
});
export type QuietHours = z.infer<typeof QuietHours>;

/**
 * One server's rules, each overriding the bot's environment default (GUILD rules read from MIN_MEMBERS, QUIET_HOURS,
 * …). A key left out keeps the default; `quietHours: "off"` turns the default's quiet hours off for this server.
 */
export const ServerRules = z
  .strictObject({
    quietHours: z.union([QuietHours, z.literal("off")]).optional(),
    minMembers: z.int().min(0).max(99).optional(),
    firstJoinerOnly: z.boolean().optional(),
    /** Voice channels announced; empty or left out = all of them. */
    allowChannels: z.array(Snowflake).optional(),
    /** Voice channels never announced; wins over `allowChannels`. */
    denyChannels: z.array(Snowflake).optional(),
    /** The kinds of activity announced. */
    events: z
      .array(z.enum(EVENT_KINDS, { message: `each entry must be one of ${EVENT_KINDS.join(", ")}` }))
      .min(1, "must name at least one kind; to silence a server, remove it from stepcord:servers")
      .optional(),
  })
  .superRefine((rules, ctx) => {
    if (rules.firstJoinerOnly === true && rules.minMembers !== undefined && rules.minMembers > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["firstJoinerOnly"],
        message: `firstJoinerOnly and minMembers ${rules.minMembers} can never both hold (a first joiner is alone in the channel): drop one`,
      });
    }
  });
export type ServerRules = z.infer<typeof ServerRules>;
export type ServerRulesInput = z.input<typeof ServerRules>;
