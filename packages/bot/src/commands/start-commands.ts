import type { PublicDestination, ServerRules } from "@stepcord/definitions";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { type Client, REST } from "discord.js";
import type { Logger } from "pino";
import type { DiscordSettings } from "../rules/discord-settings.js";
import { effectiveRules } from "../rules/rule-sources.js";
import { registerCommands } from "./command-registration.js";
import { SettingsClient } from "./settings-client.js";
import { SettingsCommands } from "./settings-commands.js";
import { settingsEndpoint } from "./settings-endpoint.js";
import { SettingsReader } from "./settings-reader.js";
import { statusText } from "./status-text.js";

export interface StartCommandsOptions {
  client: Client;
  /** DISCORD_API_URL, as the client's REST has it; discord.js's default otherwise. */
  restUrl: string | undefined;
  settings: DiscordSettings;
  eventsEndpoint: string;
  /** SETTINGS_ENDPOINT. */
  configuredEndpoint: string | undefined;
  credentials: Credentials | CredentialsProvider;
  region: string | undefined;
  /** The stack's own rules for a server (`stepcord:servers`), to tell which layer a rule comes from. */
  serverRulesOf: (guildId: string) => ServerRules | undefined;
  destinationsOf: (guildId: string) => readonly PublicDestination[];
  /** Whether this process registers the command: the one running shard 0, so N tasks do not each call. */
  registers: boolean;
  stateDir: string;
  now: () => number;
  logger: Logger;
}

/** What the gateway listeners call. */
export interface Commands {
  onReady(): void;
  onInteraction(payload: unknown): void;
  /** A guild seen (or an event in it): its settings are read once. */
  onGuild(guildId: string): void;
  /** Settings calls made so far (commands and reads), for the bench. */
  settingsCalls(): number;
  reader: SettingsReader;
}

/**
 * `/stepcord` in the bot (decision 0048): registration at the first ready, the interactions, and each guild's
 * settings read once at start, all answering into `settings`, the top layer of `rulesFor`.
 */
export function startCommands(o: StartCommandsOptions): Commands {
  const url = settingsEndpoint(o.eventsEndpoint, o.configuredEndpoint);
  if (url === undefined)
    o.logger.warn(
      { code: "SETTINGS_NOT_CONFIGURED" },
      "/stepcord cannot reach its settings: EVENTS_ENDPOINT does not end in /events. Fix: set SETTINGS_ENDPOINT to the events API's /settings URL",
    );
  const client = new SettingsClient({ url, credentials: o.credentials, region: o.region });
  const reader = new SettingsReader({
    client,
    settings: o.settings,
    selfId: () => o.client.user?.id,
    now: o.now,
    logger: o.logger,
  });
  const statusOf = (guildId: string) =>
    statusText({
      rules: effectiveRules(o.settings.rulesFor(guildId), o.serverRulesOf(guildId), o.settings.of(guildId)),
      settings: o.settings.of(guildId),
      destinations: o.destinationsOf(guildId),
      nowMs: o.now(),
    });
  // rate-limits.mdx: "Interaction endpoints are not bound to the bot's Global Rate Limit". @discordjs/rest counts every
  // request against its 50 a second all the same, so a burst of answers on the client's REST waited up to a second
  // and logged a 429 Discord never sent. These routes take no bot token (auth: false); their own REST keeps the
  // per-route buckets Discord's headers set.
  const interactionRest = new REST({
    ...(o.restUrl === undefined ? {} : { api: o.restUrl }),
    globalRequestsPerSecond: Number.POSITIVE_INFINITY,
  });
  const commands = new SettingsCommands({
    rest: interactionRest,
    client,
    settings: o.settings,
    statusOf,
    logger: o.logger,
  });
  let registered = false;
  return {
    reader,
    onReady() {
      const applicationId = o.client.application?.id;
      if (!o.registers || registered || applicationId === undefined) return;
      registered = true;
      registerCommands({ rest: o.client.rest, applicationId, stateDir: o.stateDir, logger: o.logger }).catch(
        (error: unknown) => {
          registered = false;
          o.logger.warn(
            {
              code: "COMMAND_REGISTRATION_FAILED",
              err: error instanceof Error ? error.message : String(error),
            },
            "could not register /stepcord; the next ready or start tries again. Fix: check that the bot was invited with the applications.commands scope and that Discord is reachable",
          );
        },
      );
    },
    onInteraction(payload) {
      void commands.handle(payload);
    },
    onGuild: (guildId) => reader.want(guildId),
    settingsCalls: () => client.calls,
  };
}
