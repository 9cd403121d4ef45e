import { type EventKind, minutesOfDay, type ServerRules } from "@stepcord/definitions";
import type { VoiceEventType } from "@stepcord/events";
import type { GuildRules, RulesFor, ToggleRules } from "./guild-rules.js";

/** The voice event types each kind a server can ask for stands for (EVENT_KINDS' own description). */
const EVENT_TYPES_OF: Record<EventKind, readonly VoiceEventType[]> = {
  join: ["join"],
  leave: ["leave"],
  move: ["move"],
  stream: ["stream_start", "stream_stop"],
  video: ["video_start", "video_stop"],
  speaker: ["speaker_start", "speaker_stop"],
  serverMute: ["server_mute", "server_unmute"],
  serverDeaf: ["server_deafen", "server_undeafen"],
};

function togglesOf(kinds: readonly EventKind[]): ToggleRules {
  return {
    stream: kinds.includes("stream"),
    video: kinds.includes("video"),
    speaker: kinds.includes("speaker"),
    serverMute: kinds.includes("serverMute"),
    serverDeaf: kinds.includes("serverDeaf"),
  };
}

/**
 * One server's rules: the environment's defaults with what the server sets in `stepcord:servers` in their place. Its
 * quiet hours are read in its own time zone (`"off"` turns the default's off); its `events` decide both which types
 * are announced and which opt-in changes (stream, video, …) are classified at all, in place of TOGGLES; its
 * `allowChannels` replaces CHANNEL_ALLOWLIST, and `denyChannels` wins over both.
 */
export function withServerRules(defaults: GuildRules, server: ServerRules): GuildRules {
  const { quietHours, events } = server;
  return {
    ...defaults,
    minMembers: server.minMembers ?? defaults.minMembers,
    firstJoinerOnly: server.firstJoinerOnly ?? defaults.firstJoinerOnly,
    channels: server.allowChannels ?? defaults.channels,
    deniedChannels: server.denyChannels ?? defaults.deniedChannels,
    quietHours:
      quietHours === undefined
        ? defaults.quietHours
        : quietHours === "off"
          ? undefined
          : {
              fromMinutes: minutesOfDay(quietHours.from),
              toMinutes: minutesOfDay(quietHours.to),
              timeZone: quietHours.timeZone,
            },
    ...(events === undefined
      ? {}
      : { eventTypes: new Set(events.flatMap((kind) => EVENT_TYPES_OF[kind])), toggles: togglesOf(events) }),
  };
}

/**
 * `rulesFor` when the stack lists servers: each listed server's merged rules (built once, here), the environment's
 * for every other guild.
 */
export function rulesForServers(defaults: GuildRules, servers: Record<string, ServerRules>): RulesFor {
  const merged = new Map(
    Object.entries(servers).map(([guildId, rules]) => [guildId, withServerRules(defaults, rules)]),
  );
  return (guildId) => merged.get(guildId) ?? defaults;
}

/**
 * Server rules that contradict a default they do not override, so that no join could ever be announced there. The
 * definitions package refuses the contradiction inside one server's rules; only the bot knows the environment.
 */
export function serverRulesProblems(defaults: GuildRules, servers: Record<string, ServerRules>): string[] {
  const problems: string[] = [];
  for (const [guildId, rules] of Object.entries(servers)) {
    const merged = withServerRules(defaults, rules);
    if (!merged.firstJoinerOnly || merged.minMembers <= 1) continue;
    const minMembers = `minMembers ${merged.minMembers}${rules.minMembers === undefined ? " (from MIN_MEMBERS)" : ""}`;
    const firstJoiner = `firstJoinerOnly${rules.firstJoinerOnly === undefined ? " (from FIRST_JOINER_ONLY)" : ""}`;
    problems.push(
      `servers.rules.${guildId}: ${minMembers} with ${firstJoiner} can never both hold (a first joiner is alone in the channel): set firstJoinerOnly: false or a minMembers of at most 1 for this server`,
    );
  }
  return problems;
}
