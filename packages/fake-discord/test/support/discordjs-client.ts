import { Client, type ClientOptions, GatewayIntentBits } from "discord.js";
import type { FakeDiscord } from "../../src/gateway/index.js";

/**
 * discord.js logged in to the fake with the intents the bot asks for (guilds, voice states) and its default caches,
 * resolved once it is ready. `options` adds to them (shards, shardCount).
 */
export async function loginDiscordJs(
  fake: FakeDiscord,
  options: Partial<ClientOptions> = {},
): Promise<Client> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: { api: fake.restUrl },
    ...options,
  });
  const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
  await client.login(fake.token);
  await ready;
  return client;
}
