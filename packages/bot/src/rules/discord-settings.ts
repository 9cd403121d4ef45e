import type { ServerRules, ServerSettings } from "@stepcord/definitions";
import type { GuildRules, RulesFor } from "./guild-rules.js";
import { withServerRules } from "./server-rules.js";

/** `pausedUntil` as the epoch ms `allows` compares with; "indefinitely" never ends by itself. */
function pausedUntilMs(settings: ServerSettings): number | undefined {
  if (settings.pausedUntil === null) return undefined;
  return settings.pausedUntil === "indefinitely"
    ? Number.POSITIVE_INFINITY
    : Date.parse(settings.pausedUntil);
}

/**
 * One guild's rules with what its admins set from Discord (`/stepcord`) on top of `rules` (the stack's
 * `stepcord:servers` rules over the environment's): a pause, quiet hours in their zone, the member threshold and the
 * kinds announced replace what is below; ignored channels join the deny list below, so `/stepcord unignore` never
 * announces a channel the stack denies.
 */
export function withDiscordSettings(rules: GuildRules, settings: ServerSettings): GuildRules {
  const { quietHours, minMembers, events, ignoredChannels } = settings;
  const server: ServerRules = {
    ...(quietHours === undefined ? {} : { quietHours }),
    ...(minMembers === undefined ? {} : { minMembers }),
    ...(events === undefined ? {} : { events }),
    denyChannels: [...new Set([...rules.deniedChannels, ...ignoredChannels])],
  };
  const paused = pausedUntilMs(settings);
  return { ...withServerRules(rules, server), pausedUntilMs: paused ?? rules.pausedUntilMs };
}

/**
 * The top layer of `rulesFor`: each guild's settings from Discord, as the settings workflow last answered them (a
 * command's answer, or the `status` read at start). Holds the merged rules per guild until its settings change, so
 * the very next event and batch read the new ones and no lookup rebuilds them.
 */
export class DiscordSettings {
  private readonly settings = new Map<string, ServerSettings>();
  private readonly merged = new Map<string, GuildRules>();

  /** `below`: the stack's rules over the environment's (rulesForServers), or the environment's alone. */
  constructor(private readonly below: RulesFor) {}

  readonly rulesFor: RulesFor = (guildId) => {
    const settings = this.settings.get(guildId);
    if (settings === undefined) return this.below(guildId);
    let rules = this.merged.get(guildId);
    if (rules === undefined) {
      rules = withDiscordSettings(this.below(guildId), settings);
      this.merged.set(guildId, rules);
    }
    return rules;
  };

  /**
   * Takes a guild's settings from an answer. An older version than the one held is ignored (a slow `status` read at
   * start must not undo a change answered meanwhile); returns whether they were taken.
   */
  apply(settings: ServerSettings): boolean {
    const held = this.settings.get(settings.guildId);
    if (held !== undefined && held.version > settings.version) return false;
    this.settings.set(settings.guildId, settings);
    this.merged.delete(settings.guildId);
    return true;
  }

  /** The settings held for a guild; undefined before the first answer. */
  of(guildId: string): ServerSettings | undefined {
    return this.settings.get(guildId);
  }
}
