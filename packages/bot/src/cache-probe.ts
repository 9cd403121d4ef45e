import { Client, GatewayIntentBits } from "discord.js";
import { trimmedCaches } from "./start.js";

/** A client with the bot's intents and either its trimmed caches or discord.js's defaults (for bench/bot-memory.ts). */
export function createProbeClient(mode: "trimmed" | "default", restUrl: string): Client {
  return new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
    rest: { api: restUrl },
    ...(mode === "trimmed" ? { makeCache: trimmedCaches() } : {}),
  });
}
