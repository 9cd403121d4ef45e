import type { ServerRules } from "@stepcord/definitions";
import { DiscordSettings } from "./discord-settings.js";
import { type GuildRules, sameRulesForEveryGuild } from "./guild-rules.js";
import { rulesForServers, serverRulesProblems } from "./server-rules.js";

/**
 * Every rule's layers, bottom up: the environment's rules; each listed server's `stepcord:servers` rules in their
 * place (issue 14; without a server directory, the environment's for every guild); what each server's admins set with
 * `/stepcord` on top (issue 15), applied to the returned `DiscordSettings` as the settings workflow answers.
 * `problems` lists server rules that contradict an environment default they leave alone; the caller refuses to start
 * on any (rules/ knows nothing of config/'s error).
 */
export function layeredRules(
  defaults: GuildRules,
  servers: Record<string, ServerRules> | undefined,
): { problems: string[]; settings: DiscordSettings } {
  if (servers === undefined)
    return { problems: [], settings: new DiscordSettings(sameRulesForEveryGuild(defaults)) };
  return {
    problems: serverRulesProblems(defaults, servers),
    settings: new DiscordSettings(rulesForServers(defaults, servers)),
  };
}
