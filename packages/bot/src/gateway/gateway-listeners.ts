import type { VoiceEventInput } from "@stepcord/events";
import { type Client, Events, GatewayDispatchEvents } from "discord.js";
import type { Logger } from "pino";
import type { VoiceTracker } from "../voice/voice-tracker.js";

export interface GatewayListenersOptions {
  tracker: VoiceTracker;
  /** Receives each guild's voice events from the tracker (possibly none: the guild's snapshot still changed). */
  onVoice: (guildId: string, events: VoiceEventInput[]) => void;
  onReady: () => void;
  /** Every gateway close, with its code. */
  onClose: (closeCode: number) => void;
  /** Each INTERACTION_CREATE's `d` as Discord sent it (the `/stepcord` commands read the raw payload). */
  onInteraction?: (payload: unknown) => void;
  logger: Logger;
}

/** What the listeners know of the gateway for the health check. */
export interface GatewayState {
  /** True from the first ready on. */
  readonly ready: boolean;
}

/** The discord.js client events the bot listens to, each turned into a tracker call or a log line. */
export function listenToGateway(client: Client, options: GatewayListenersOptions): GatewayState {
  const { tracker, onVoice, logger } = options;
  const state = { ready: false };
  client.on("clientReady", () => {
    state.ready = true;
    logger.info({ guilds: client.guilds.cache.size }, "ready");
    options.onReady();
  });
  // Every GUILD_CREATE is a full voice snapshot to diff: a new guild (guildCreate), a guild back from an outage or
  // from a re-identify (guildAvailable), and at shardReady every guild of that shard that is available (the other
  // shards' guilds were synced at their own ready; syncing them again had every guild's snapshot saved again at each
  // shard's ready). A guild still unavailable has an empty cache, which is not "everyone left": it is synced when its
  // GUILD_CREATE arrives.
  client.on("shardReady", (shardId) => {
    for (const guild of client.guilds.cache.values())
      if (guild.available && guild.shardId === shardId) onVoice(guild.id, tracker.syncGuild(guild));
  });
  client.on("guildCreate", (guild) => onVoice(guild.id, tracker.syncGuild(guild)));
  client.on("guildAvailable", (guild) => onVoice(guild.id, tracker.syncGuild(guild)));
  client.on("guildUnavailable", (guild) => logger.warn({ guildId: guild.id }, "guild unavailable"));
  client.on("voiceStateUpdate", (_old, next) => onVoice(next.guild.id, tracker.update(next)));
  // INTERACTION_CREATE is sent without any intent (gateway.mdx, "List of Intents": events not listed "will always
  // be sent"), and `raw` carries every dispatch before discord.js parses it (lean-client.ts), so nothing trims it.
  const { onInteraction } = options;
  if (onInteraction !== undefined)
    client.on(Events.Raw, (packet: { t: string | null; d: unknown }) => {
      if (packet.t === GatewayDispatchEvents.InteractionCreate) onInteraction(packet.d);
    });
  client.on("shardResume", (shardId, replayed) => logger.info({ shardId, replayed }, "gateway resumed"));
  client.on("shardDisconnect", (event, shardId) => {
    logger.warn({ shardId, code: event.code }, "gateway closed");
    options.onClose(event.code);
  });
  return state;
}
