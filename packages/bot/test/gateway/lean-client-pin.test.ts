import { communityGuild, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { Client, GatewayIntentBits, version } from "discord.js";
import { RAW_REWRITE_DISCORDJS_RANGE } from "../../src/gateway/lean-client.js";

function parts(v: string): number[] {
  return v.split("-")[0]?.split(".").map(Number) ?? [];
}

function compare(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** lean-client.ts rewrites `packet.d` inside discord.js's `raw` listener; issue 16 asks that reliance be pinned. */
describe("the lean client's reliance on discord.js parsing the packet it emitted as raw", () => {
  it("runs on a discord.js inside the range where that ordering was read", () => {
    expect(compare(version, RAW_REWRITE_DISCORDJS_RANGE.from), `discord.js ${version}`).to.be.at.least(0);
    expect(compare(version, RAW_REWRITE_DISCORDJS_RANGE.before), `discord.js ${version}`).to.be.below(0);
  });

  it("sees discord.js build its guild from the packet a raw listener changed", async () => {
    const source = communityGuild(1);
    const fake = await startFakeDiscord({ guilds: [source] });
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildVoiceStates],
      rest: { api: fake.restUrl },
    });
    client.on("raw", (packet: { t: string | null; d: unknown }) => {
      if (packet.t === "GUILD_CREATE") packet.d = { ...(packet.d as object), name: "rewritten in raw" };
    });
    const ready = new Promise<void>((resolve) => client.once("clientReady", () => resolve()));
    await client.login(fake.token);
    await ready;
    expect(client.guilds.cache.get(source.id)?.name).to.equal("rewritten in raw");
    await client.destroy();
    await fake.close();
  });
});
