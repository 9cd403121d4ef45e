import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  destinationTable,
  parseDiscordWebhookUrl,
  type ServerDirectory,
  type ServersConfig,
  serverDirectory,
  serversConfigSchema,
} from "@stepcord/definitions";
import type { FakeGuild } from "@stepcord/fake-discord/gateway";
import { botTestGuild } from "./bot-fixture.js";

export const SECOND_GUILD_ID = "100000000000000002";
export const HARBOUR = "200000000000000011";
export const PIER = "200000000000000012";
export const THIRD_GUILD_ID = "100000000000000003";

/** A second server with its own voice channels and no one in voice yet; the fixture's members are in it too. */
export function secondGuild(id = SECOND_GUILD_ID): FakeGuild {
  const first = botTestGuild();
  return {
    ...first,
    id,
    name: `Second ${id.slice(-1)}`,
    afk_channel_id: null,
    channels: [
      { id: HARBOUR, name: "Harbour", type: 2 },
      { id: PIER, name: "Pier", type: 2 },
    ],
    voice_states: [],
  };
}

/** A webhook URL of the shape Discord gives, with a made-up id and token (no real webhook). */
export function webhookUrl(n: number): string {
  return `https://discord.com/api/webhooks/${String(900000000000000000n + BigInt(n))}/${"t".repeat(68)}`;
}

/**
 * The directory the infra stack would export as `servers` for this `stepcord:servers` config (the definitions
 * package's own builders), with an every-server webhook (`discordWebhookUrl`) when one is given.
 */
export function directoryOf(raw: unknown, everyServerWebhook?: string): ServerDirectory {
  const servers: ServersConfig = serversConfigSchema().parse(raw);
  const fallback = everyServerWebhook === undefined ? undefined : parseDiscordWebhookUrl(everyServerWebhook);
  return serverDirectory(servers, destinationTable(servers, fallback));
}

/** Writes the directory to a fresh file for STEPCORD_SERVERS_FILE, as JSON (undefined ids dropped, as JSON does). */
export async function writeServersFile(directory: ServerDirectory): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "stepcord-servers-")), "servers.json");
  await writeFile(file, JSON.stringify(directory));
  return file;
}
