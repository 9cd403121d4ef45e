import type { EventKind } from "../../servers/server-rules.js";
import type { SettingsCommandError } from "./settings-command-error.js";

/** What one `/stepcord` subcommand asks to change, already validated. */
export type SettingsChange =
  /** `untilMs` is null for a pause until `resume`. */
  | { kind: "pause"; durationMs: number | null; untilMs: number | null }
  | { kind: "resume" }
  /**
   * `from` and `to` as `HH:MM`, the form of issue 14's `QuietHours`; `timeZone` undefined keeps the server's current
   * zone (UTC if it never set one).
   */
  | { kind: "quiet"; from: string; to: string; timeZone: string | undefined }
  | { kind: "quiet-off" }
  | { kind: "min-members"; minMembers: number }
  | { kind: "events"; events: EventKind[] }
  | { kind: "ignore"; channelId: string }
  | { kind: "unignore"; channelId: string };

/** A subcommand that reads rather than changes. */
export interface StatusRequest {
  kind: "status";
}

export type SettingsRequest = StatusRequest | SettingsChange;

/** Who asked, where, and how to answer: everything a reply or an audit record needs besides the request. */
export interface InteractionContext {
  interactionId: string;
  /** The continuation token; a secret for 15 minutes, never logged. */
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string | undefined;
  userId: string;
  /** The invoking user's language (receiving-and-responding.mdx: "available on all interaction types except PING"). */
  locale: string | undefined;
  /** When Discord created the interaction, read from its snowflake id (reference.mdx, "Snowflakes"). */
  createdAtMs: number;
}

export type SettingsInteraction =
  | { type: "command"; context: InteractionContext; request: SettingsRequest }
  | { type: "autocomplete"; context: InteractionContext; option: "timezone"; query: string }
  | { type: "rejected"; context: InteractionContext; error: SettingsCommandError };
