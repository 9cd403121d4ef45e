import { EVENT_KINDS, type EventKind, type ServerRules, type ServerSettings } from "@stepcord/definitions";
import type { GuildRules } from "./guild-rules.js";

/** Where a rule in effect comes from, highest first: Discord settings > the stack's `stepcord:servers` > environment. */
export type RuleSource = "discord" | "stack" | "environment";

export interface Sourced<T> {
  value: T;
  from: RuleSource;
}

/** The rules `/stepcord status` shows: each value in effect and the layer it comes from. */
export interface EffectiveRules {
  /** Epoch ms (Infinity = until resume), or undefined when not paused. */
  paused: Sourced<number | undefined>;
  quietHours: Sourced<{ from: string; to: string; timeZone: string } | undefined>;
  minMembers: Sourced<number>;
  events: Sourced<EventKind[]>;
  /** Ignored voice channels, each with its layer; the environment has none. */
  ignored: Array<Sourced<string>>;
  /** The member threshold can never hold with first-joiner-only from a lower layer. */
  contradiction: boolean;
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The kinds the rules announce: join/leave/move by their type, the opt-in ones when also classified (toggles). */
export function announcedKinds(rules: GuildRules): EventKind[] {
  const toggled: Record<EventKind, boolean> = {
    join: rules.eventTypes.has("join"),
    leave: rules.eventTypes.has("leave"),
    move: rules.eventTypes.has("move"),
    stream: rules.toggles.stream && rules.eventTypes.has("stream_start"),
    video: rules.toggles.video && rules.eventTypes.has("video_start"),
    speaker: rules.toggles.speaker && rules.eventTypes.has("speaker_start"),
    serverMute: rules.toggles.serverMute && rules.eventTypes.has("server_mute"),
    serverDeaf: rules.toggles.serverDeaf && rules.eventTypes.has("server_deafen"),
  };
  return EVENT_KINDS.filter((kind) => toggled[kind]);
}

/**
 * Each rule in effect for a guild (`rules`, the merged result `rulesFor` returns) with its layer, told from which
 * layer sets it: the settings from Discord first, then the stack's rules for that server, else the environment.
 */
export function effectiveRules(
  rules: GuildRules,
  server: ServerRules | undefined,
  settings: ServerSettings | undefined,
): EffectiveRules {
  const from = (discord: unknown, stack: unknown): RuleSource =>
    discord !== undefined ? "discord" : stack !== undefined ? "stack" : "environment";
  const q = rules.quietHours;
  const stackDenied = server?.denyChannels ?? [];
  const discordIgnored = (settings?.ignoredChannels ?? []).filter((c) => !stackDenied.includes(c));
  return {
    paused: { value: rules.pausedUntilMs, from: "discord" },
    quietHours: {
      value:
        q === undefined
          ? undefined
          : { from: hhmm(q.fromMinutes), to: hhmm(q.toMinutes), timeZone: q.timeZone },
      from: from(settings?.quietHours, server?.quietHours),
    },
    minMembers: { value: rules.minMembers, from: from(settings?.minMembers, server?.minMembers) },
    events: { value: announcedKinds(rules), from: from(settings?.events, server?.events) },
    ignored: [
      ...stackDenied.map((value) => ({ value, from: "stack" as const })),
      ...discordIgnored.map((value) => ({ value, from: "discord" as const })),
    ],
    contradiction: rules.firstJoinerOnly && rules.minMembers > 1,
  };
}
