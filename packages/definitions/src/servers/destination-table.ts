import type { DiscordWebhook } from "../discord/webhook-url.js";
import type { ServerRules } from "./server-rules.js";
import type { ServersConfig } from "./servers-config.js";

/** The destination of every server not listed in `stepcord:servers`: the stack's `discordWebhookUrl`. */
export const EVERY_SERVER_DESTINATION_ID = "default";

/**
 * One place notices go: one webhook (and optionally one of its channel's threads). Each becomes its own route and
 * HTTP_PROXY integration on the webhook API, so its URL lives only in that integration.
 */
export interface Destination {
  /**
   * Stable, route- and resource-name-safe id: `default`, `g<guild>` for a server, `g<guild>-c<voice channel>` for a
   * channel override. It never changes while the config entry exists, so adding a server replaces nothing.
   */
  id: string;
  /** The server it serves; undefined for the every-server destination. */
  guildId: string | undefined;
  /** The voice channel it serves (a channel override); undefined for a whole server. */
  voiceChannelId: string | undefined;
  /** The webhook, with its token: a secret, to be wrapped (`pulumi.secret`) the moment it leaves this table. */
  webhook: DiscordWebhook;
  threadId: string | undefined;
  /**
   * What Discord rate-limits it by: its webhook id (buckets are per webhook, and per channel behind it). Destinations
   * sharing one must share a wait after a 429.
   */
  rateLimitKey: string;
}

/** Each destination of a stack, most specific first; built once from validated config. */
export function destinationTable(
  servers: ServersConfig | undefined,
  everyServerWebhook: DiscordWebhook | undefined,
): Destination[] {
  const table: Destination[] = [];
  for (const [guildId, server] of Object.entries(servers ?? {})) {
    for (const [voiceChannelId, target] of Object.entries(server.channels ?? {})) {
      const webhook = target.webhookUrl ?? server.webhookUrl;
      table.push({
        id: `g${guildId}-c${voiceChannelId}`,
        guildId,
        voiceChannelId,
        webhook,
        threadId: target.threadId ?? (target.webhookUrl === undefined ? server.threadId : undefined),
        rateLimitKey: webhook.id,
      });
    }
    table.push({
      id: `g${guildId}`,
      guildId,
      voiceChannelId: undefined,
      webhook: server.webhookUrl,
      threadId: server.threadId,
      rateLimitKey: server.webhookUrl.id,
    });
  }
  if (everyServerWebhook !== undefined) {
    table.push({
      id: EVERY_SERVER_DESTINATION_ID,
      guildId: undefined,
      voiceChannelId: undefined,
      webhook: everyServerWebhook,
      threadId: undefined,
      rateLimitKey: everyServerWebhook.id,
    });
  }
  return table;
}

/**
 * Where a voice event in `guildId`'s `voiceChannelId` goes: the channel's override, else its server's destination,
 * else the every-server one; undefined when the stack has none for it (such a batch is never sent).
 */
export function destinationFor<D extends Pick<Destination, "guildId" | "voiceChannelId">>(
  table: readonly D[],
  guildId: string,
  voiceChannelId: string,
): D | undefined {
  return (
    table.find((d) => d.guildId === guildId && d.voiceChannelId === voiceChannelId) ??
    table.find((d) => d.guildId === guildId && d.voiceChannelId === undefined) ??
    table.find((d) => d.guildId === undefined)
  );
}

/** What the bot may know of a destination: no webhook token, no URL. */
export type PublicDestination = Omit<Destination, "webhook">;

/**
 * The stack output `servers` the bot reads: which servers are configured, their rules and their destinations
 * (without any secret). `everyServer` says whether unlisted servers have a destination at all.
 */
export interface ServerDirectory {
  destinations: PublicDestination[];
  rules: Record<string, ServerRules>;
  everyServer: boolean;
}

export function serverDirectory(
  servers: ServersConfig | undefined,
  table: readonly Destination[],
): ServerDirectory {
  return {
    destinations: table.map(({ webhook: _secret, ...rest }) => rest),
    rules: Object.fromEntries(
      Object.entries(servers ?? {}).flatMap(([guildId, server]) =>
        server.rules === undefined ? [] : [[guildId, server.rules]],
      ),
    ),
    everyServer: table.some((d) => d.guildId === undefined),
  };
}
