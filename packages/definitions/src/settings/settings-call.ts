import { Snowflake } from "@stepcord/events";
import { z } from "zod";
import { MAX_PAUSE_MS, MIN_MEMBERS_RANGE } from "../discord/commands/settings-limits.js";
import type { SettingsRequest } from "../discord/settings/settings-change.js";
import { EVENT_KINDS, QuietHours, TimeZone } from "../servers/server-rules.js";
import { memberPermissionsSplit, PERMISSIONS_LOW_DIGITS } from "./member-permissions-split.js";

/**
 * The contract between the bot and the settings workflow (issue 15): the bot forwards one `/stepcord` command,
 * already parsed by `parseSettingsInteraction`, as a `SettingsCall` to `POST /settings`; the workflow answers with a
 * `SettingsAnswer`. The interaction's token never travels: it is a credential for 15 minutes, and execution input is
 * kept in Step Functions' history and logs, so the bot answers Discord itself (decision 0018).
 */
export const SETTINGS_SCHEMA_VERSION = 1;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM on a 24-hour clock");

/** `SettingsRequest` on the wire: what the command asks, in ServerRules' own words. */
export const SettingsRequestWire = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("status") }),
  z.strictObject({
    kind: z.literal("pause"),
    durationMs: z.int().positive().max(MAX_PAUSE_MS).nullable(),
    /** Epoch ms the pause ends, from the interaction's creation time; null = until `resume`. */
    untilMs: z.int().positive().nullable(),
    /**
     * The same instant as ISO 8601 UTC, what `ServerSettings.pausedUntil` stores: the settings workflow's JSONPath
     * has no date functions to turn `untilMs` into it (decision 0019). `settingsRequestWire` fills it in.
     */
    until: z.iso.datetime().nullable(),
  }),
  z.strictObject({ kind: z.literal("resume") }),
  z.strictObject({ kind: z.literal("quiet"), from: HHMM, to: HHMM, timeZone: TimeZone.optional() }),
  z.strictObject({ kind: z.literal("quiet-off") }),
  z.strictObject({
    kind: z.literal("min-members"),
    minMembers: z.int().min(MIN_MEMBERS_RANGE.min).max(MIN_MEMBERS_RANGE.max),
  }),
  z.strictObject({ kind: z.literal("events"), events: z.array(z.enum(EVENT_KINDS)).min(1) }),
  z.strictObject({ kind: z.literal("ignore"), channelId: Snowflake }),
  z.strictObject({ kind: z.literal("unignore"), channelId: Snowflake }),
]);

/** One forwarded command: who asked, in which server, with which permissions, and what. Never the token. */
export const SettingsCall = z
  .strictObject({
    version: z.literal(SETTINGS_SCHEMA_VERSION),
    /** Unique per interaction: the workflow applies each one at most once (a replay changes nothing twice). */
    interactionId: Snowflake,
    guildId: Snowflake,
    userId: Snowflake,
    /** `member.permissions` as Discord sent it in the interaction: a decimal bitfield, re-checked by the workflow. */
    memberPermissions: z.string().regex(/^\d{1,20}$/, "must be Discord's decimal permission bitfield"),
    /** Its last six digits, zero-padded, and the digits before them: `memberPermissionsSplit` (the workflow checks). */
    memberPermissionsLow6: z
      .string()
      .regex(
        new RegExp(`^\\d{${PERMISSIONS_LOW_DIGITS}}$`),
        `must be exactly ${PERMISSIONS_LOW_DIGITS} digits`,
      ),
    memberPermissionsHigh: z.string().regex(/^\d*$/, "must be digits or empty"),
    request: SettingsRequestWire,
  })
  .refine(
    (call) => {
      const split = memberPermissionsSplit(call.memberPermissions);
      return (
        split.memberPermissionsLow6 === call.memberPermissionsLow6 &&
        split.memberPermissionsHigh === call.memberPermissionsHigh
      );
    },
    { message: "must be memberPermissionsSplit(memberPermissions)", path: ["memberPermissionsLow6"] },
  );
export type SettingsCall = z.infer<typeof SettingsCall>;

/**
 * A server's settings as set from Discord; each wins over the stack's `stepcord:servers` rules and the environment
 * (`/stepcord status` says which is which). `version` counts writes (0 = never set) and guards them.
 */
export const ServerSettings = z.strictObject({
  guildId: Snowflake,
  version: z.int().nonnegative(),
  updatedAt: z.iso.datetime().nullable(),
  updatedBy: Snowflake.nullable(),
  /** Paused: no notices until then (ISO time), or until `/stepcord resume` ("indefinitely"); null = not paused. */
  pausedUntil: z.union([z.iso.datetime(), z.literal("indefinitely")]).nullable(),
  quietHours: z.union([QuietHours, z.literal("off")]).optional(),
  minMembers: z.int().min(MIN_MEMBERS_RANGE.min).max(MIN_MEMBERS_RANGE.max).optional(),
  events: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
  /** Voice channels `/stepcord ignore`d. */
  ignoredChannels: z.array(Snowflake).default([]),
});
export type ServerSettings = z.infer<typeof ServerSettings>;

/** A server nobody configured from Discord yet. */
export function noServerSettings(guildId: string): ServerSettings {
  return { guildId, version: 0, updatedAt: null, updatedBy: null, pausedUntil: null, ignoredChannels: [] };
}

export const SettingsAnswer = z.discriminatedUnion("outcome", [
  /** The change is written; `settings` as they are now. */
  z.strictObject({ outcome: z.literal("applied"), settings: ServerSettings }),
  /** This interaction was applied before (a replay): nothing written again. */
  z.strictObject({ outcome: z.literal("replayed"), settings: ServerSettings }),
  /** `status`: the settings as stored, nothing written. */
  z.strictObject({ outcome: z.literal("status"), settings: ServerSettings }),
  /** The member may not change settings (no Manage Server or Administrator), or the call is invalid. */
  z.strictObject({
    outcome: z.literal("refused"),
    reason: z.enum(["not-allowed", "invalid"]),
    message: z.string(),
  }),
]);
export type SettingsAnswer = z.infer<typeof SettingsAnswer>;

/**
 * The wire form of a parsed request: the same object, checked, with a pause's end also as ISO 8601 (`until`), the
 * form the workflow stores without date arithmetic of its own.
 */
export function settingsRequestWire(request: SettingsRequest): z.infer<typeof SettingsRequestWire> {
  if (request.kind === "pause") {
    const until = request.untilMs === null ? null : new Date(request.untilMs).toISOString();
    return SettingsRequestWire.parse({ ...request, until });
  }
  return SettingsRequestWire.parse(request);
}
