import type { FakeGuild } from "../gateway/fake-guild.js";
import { SnowflakeGenerator } from "../webhook/snowflake.js";
import {
  ApplicationCommandStore,
  type CommandScope,
  type StoredCommand,
} from "./application-command-store.js";
import { InteractionLedger, type IssuedInteraction } from "./interaction-ledger.js";
import { type MatchedRoute, matchInteractionRoute } from "./interaction-routes.js";
import {
  interactionCreatePayload,
  interactionToken,
  type ScriptedInteraction,
} from "./scripted-interaction.js";

/** What dispatchInteraction hands the test: where the bot must answer. */
export interface DispatchedInteraction {
  id: string;
  token: string;
  applicationId: string;
  /** The INTERACTION_CREATE `d` as sent. */
  payload: Record<string, unknown>;
}

/** The slash command side of the fake Discord, as a test drives and inspects it. */
export interface FakeInteractions {
  /** The application's id: the bot user's, as for every bot application (GET /applications/@me answers it). */
  readonly applicationId: string;
  /**
   * A member uses a slash command: Discord's checks (registered, guild context, `default_member_permissions`, the
   * client's option rules) and then INTERACTION_CREATE to the guild's shard. Throws ScriptedInteractionError where
   * Discord would never have sent it.
   */
  dispatchInteraction(spec: ScriptedInteraction): DispatchedInteraction;
  /** An interaction's response, original message and follow-ups as the fake recorded them. */
  interaction(id: string): IssuedInteraction | undefined;
  /** The commands registered in a scope ("global" or a guild id), as Discord stores them. */
  registeredCommands(scope: CommandScope): StoredCommand[];
  /** How many bulk overwrites a scope has accepted. */
  commandOverwrites(scope: CommandScope): number;
}

export interface InteractionDeskArgs {
  now: () => number;
  botUser: { id: string; username: string };
  findGuild(guildId: string): FakeGuild;
  /** Sends a dispatch to the guild's shard, whatever its intents. */
  dispatch(guildId: string, t: string, d: unknown): void;
}

/** Command registration, interactions and their REST routes, on one clock and one snowflake generator. */
export function interactionDesk(args: InteractionDeskArgs): FakeInteractions & {
  route(method: string, path: string): MatchedRoute | undefined;
} {
  const ids = new SnowflakeGenerator(args.now);
  const applicationId = args.botUser.id;
  const commands = new ApplicationCommandStore(applicationId, ids);
  const interactions = new InteractionLedger(args.now, ids, args.botUser);
  const deps = { commands, interactions, applicationId };
  return {
    applicationId,
    route: (method, path) => matchInteractionRoute(method, path, deps),
    dispatchInteraction(spec) {
      const guild = args.findGuild(spec.guildId);
      const id = ids.next();
      const token = interactionToken(id);
      const payload = interactionCreatePayload({
        spec,
        guild,
        command: commands.find(guild.id, spec.command),
        id,
        token,
        applicationId,
      });
      interactions.issue({ id, token, applicationId, type: spec.type ?? 2, channelId: spec.channelId });
      args.dispatch(guild.id, "INTERACTION_CREATE", payload);
      return { id, token, applicationId, payload };
    },
    interaction: (id) => interactions.get(id),
    registeredCommands: (scope) =>
      commands.list(scope, { withLocalizations: true, locale: undefined }) as StoredCommand[],
    commandOverwrites: (scope) => commands.overwrites.get(scope) ?? 0,
  };
}
