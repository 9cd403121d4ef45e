import {
  destinationFor,
  EVERY_SERVER_DESTINATION_ID,
  type PublicDestination,
  type ServerDirectory,
} from "@stepcord/definitions";
import type { Logger } from "pino";

/** What routing reads of a voice event: the guild it happened in and the voice channel it names (a move's target). */
export interface Routed {
  guild: { id: string };
  channel: { id: string };
}

/** A stack without a server directory: one webhook for every server, as before issue 14. */
const EVERY_SERVER: PublicDestination = {
  id: EVERY_SERVER_DESTINATION_ID,
  guildId: undefined,
  voiceChannelId: undefined,
  threadId: undefined,
  rateLimitKey: EVERY_SERVER_DESTINATION_ID,
};

/**
 * Where each guild's notices go, from the server directory (the stack's `servers` output): the destination of a voice
 * event is its channel's override, else its server's, else the every-server webhook (`destinationFor`, the same
 * lookup the workflow's routes are built from). A guild with none is never batched or sent; a batch holds one lane,
 * one guild and one destination, so it never mixes servers nor channels that post to different places.
 */
export class Destinations {
  private readonly table: readonly PublicDestination[];
  private readonly logger: Logger | undefined;
  private readonly warned = new Set<string>();

  constructor(directory: ServerDirectory | undefined, logger?: Logger) {
    this.table = directory === undefined ? [EVERY_SERVER] : directory.destinations;
    this.logger = logger;
  }

  /** The destination of an event in `guildId`'s voice channel `voiceChannelId`; undefined when it has none. */
  of(guildId: string, voiceChannelId: string): PublicDestination | undefined {
    return destinationFor(this.table, guildId, voiceChannelId);
  }

  /**
   * Every destination a guild's notices may take, for `/stepcord status`: its channel overrides and its server's
   * destination, or the every-server one; none when it has none.
   */
  ofGuild(guildId: string): PublicDestination[] {
    const own = this.table.filter((d) => d.guildId === guildId);
    const server =
      own.find((d) => d.voiceChannelId === undefined) ?? this.table.find((d) => d.guildId === undefined);
    return [...(server === undefined ? [] : [server]), ...own.filter((d) => d.voiceChannelId !== undefined)];
  }

  /** Whether the event has somewhere to go; the first refusal for a guild is logged with the fix. */
  admits(event: Routed): boolean {
    if (this.of(event.guild.id, event.channel.id) !== undefined) return true;
    const guildId = event.guild.id;
    if (!this.warned.has(guildId)) {
      this.warned.add(guildId);
      this.logger?.warn(
        { guildId, code: "NO_DESTINATION" },
        "this guild has no destination, so its voice activity is not sent: add it to stepcord:servers in the infra stack's config (pulumi up), then restart the bot",
      );
    }
    return false;
  }

  /**
   * The batching lane of an event: its guild and destination. Events of one lane may share a batch; events of two
   * never do. Undefined when it has no destination.
   */
  laneOf(event: Routed): string | undefined {
    const destination = this.of(event.guild.id, event.channel.id);
    return destination === undefined ? undefined : `${event.guild.id}/${destination.id}`;
  }

  /**
   * What Discord rate-limits an event's notices by: its destination's webhook id (`rateLimitKey`), a channel override's
   * own when it has one, so a 429 on one webhook holds only the lanes behind it. A stack without a directory has one
   * key for all (one webhook).
   */
  rateLimitKeyOf(event: Routed): string {
    // An event with no destination is never sent; its guild's own key keeps it out of every other lane's wait.
    return this.of(event.guild.id, event.channel.id)?.rateLimitKey ?? `no-destination:${event.guild.id}`;
  }
}
