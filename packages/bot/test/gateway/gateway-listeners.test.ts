import { EventEmitter } from "node:events";
import { expect } from "chai";
import type { Client, Guild } from "discord.js";
import pino from "pino";
import { listenToGateway } from "../../src/gateway/gateway-listeners.js";
import type { VoiceTracker } from "../../src/voice/voice-tracker.js";

/** Just what the listeners read of discord.js's Client: its events and the guild cache (Guild#shardId, #available). */
function clientWith(guilds: Array<{ id: string; shardId: number; available: boolean }>) {
  const client = new EventEmitter() as EventEmitter & { guilds: { cache: Map<string, unknown> } };
  client.guilds = { cache: new Map(guilds.map((guild) => [guild.id, guild])) };
  return client as unknown as Client;
}

function listen(client: Client) {
  const synced: string[] = [];
  const changed: string[] = [];
  const tracker = {
    syncGuild: (guild: Guild) => {
      synced.push(guild.id);
      return [];
    },
  } as unknown as VoiceTracker;
  listenToGateway(client, {
    tracker,
    logger: pino({ level: "silent" }),
    onVoice: (guildId) => changed.push(guildId),
    onReady: () => undefined,
    onClose: () => undefined,
  });
  return { synced, changed };
}

describe("listenToGateway", () => {
  it("syncs at a shard's ready only the available guilds of that shard, not those of the shards ready before it", () => {
    // discord.js emits shardReady(id) per shard (src/client/websocket/WebSocketManager.js); every guild synced is a
    // guild whose voice snapshot is saved again, so re-syncing every earlier shard's guilds made startup's saves grow
    // with shards × guilds (issue 16, item 4).
    const client = clientWith([
      { id: "a0", shardId: 0, available: true },
      { id: "b1", shardId: 1, available: true },
      { id: "c1", shardId: 1, available: false },
    ]);
    const { synced, changed } = listen(client);
    client.emit("shardReady", 0, undefined);
    client.emit("shardReady", 1, new Set(["c1"]));
    expect(synced).to.deep.equal(["a0", "b1"]);
    expect(changed).to.deep.equal(["a0", "b1"]);
  });

  it("syncs a shard's guilds again when that shard is ready again after a re-identify", () => {
    const client = clientWith([
      { id: "a0", shardId: 0, available: true },
      { id: "b1", shardId: 1, available: true },
    ]);
    const { synced } = listen(client);
    client.emit("shardReady", 0, undefined);
    client.emit("shardReady", 1, undefined);
    client.emit("shardReady", 0, undefined);
    expect(synced).to.deep.equal(["a0", "b1", "a0"]);
  });
});
