import { expect } from "chai";
import { type FakeGuild, shardOf, startFakeDiscord } from "../src/gateway/index.js";
import { loginDiscordJs } from "./support/discordjs-client.js";
import { RawGatewayClient } from "./support/raw-gateway-client.js";

/** A snowflake whose `>> 22` is `n`: its shard of `count` is `n % count`. */
function guildWithTimestamp(n: number): FakeGuild {
  return { id: (BigInt(n) << 22n).toString(), name: `g${n}`, channels: [], members: [], voice_states: [] };
}

function readyGuildIds(client: RawGatewayClient): Promise<string[]> {
  return client
    .next((p) => p.t === "READY")
    .then((p) => (p.d as { guilds: Array<{ id: string }> }).guilds.map((g) => g.id));
}

describe("the fake gateway's sharding (gateway.mdx, Sharding)", () => {
  it("computes shard_id = (guild_id >> 22) % num_shards", () => {
    expect(shardOf("41771983423143937", 3)).to.equal(Number((41771983423143937n >> 22n) % 3n));
    expect(shardOf((7n << 22n).toString(), 4)).to.equal(3);
  });

  it("sends each shard only its own guilds, in READY and as GUILD_CREATE", async () => {
    const guilds = [0, 1, 2, 3, 4].map(guildWithTimestamp);
    const fake = await startFakeDiscord({ guilds, maxConcurrency: 2 });
    const [a, b] = await Promise.all([0, 1].map(() => RawGatewayClient.connect(fake.gatewayUrl)));
    if (!a || !b) throw new Error("two clients");
    a.identify(fake.token, { shard: [0, 2] });
    b.identify(fake.token, { shard: [1, 2] });
    expect(await readyGuildIds(a)).to.deep.equal([0, 2, 4].map((n) => guildWithTimestamp(n).id));
    expect(await readyGuildIds(b)).to.deep.equal([1, 3].map((n) => guildWithTimestamp(n).id));
    await b.next((p) => p.t === "GUILD_CREATE" && (p.d as { id: string }).id === guildWithTimestamp(3).id);
    expect(b.dispatches().filter((p) => p.t === "GUILD_CREATE")).to.have.length(2);
    a.close();
    b.close();
    await fake.close();
  });

  it("sends a guild's voice update only to the shard that holds the guild", async () => {
    const guilds = [0, 1].map(guildWithTimestamp);
    const fake = await startFakeDiscord({ guilds, maxConcurrency: 2 });
    const [a, b] = await Promise.all([0, 1].map(() => RawGatewayClient.connect(fake.gatewayUrl)));
    if (!a || !b) throw new Error("two clients");
    a.identify(fake.token, { shard: [0, 2] });
    b.identify(fake.token, { shard: [1, 2] });
    await readyGuildIds(a);
    await readyGuildIds(b);
    const guildId = guildWithTimestamp(1).id;
    fake.emitVoiceStateUpdate({ guild_id: guildId, user_id: "300000000000000001", channel_id: null });
    await b.next((p) => p.t === "VOICE_STATE_UPDATE");
    expect(a.dispatches().some((p) => p.t === "VOICE_STATE_UPDATE")).to.equal(false);
    a.close();
    b.close();
    await fake.close();
  });

  for (const shard of [[2, 2], [0, 0], [-1, 2], [0.5, 2], [0]])
    it(`closes with 4010 an IDENTIFY with shard ${JSON.stringify(shard)}`, async () => {
      const fake = await startFakeDiscord({ guilds: [guildWithTimestamp(0)] });
      const client = await RawGatewayClient.connect(fake.gatewayUrl);
      client.identify(fake.token, { shard });
      expect(await client.closedWith()).to.equal(4010);
      await fake.close();
    });

  it("closes with 4011 a session that would hold 2,501 guilds, and accepts the same guilds over two shards", async () => {
    const guilds = Array.from({ length: 2501 }, (_, n) => guildWithTimestamp(n));
    const fake = await startFakeDiscord({ guilds });
    const whole = await RawGatewayClient.connect(fake.gatewayUrl);
    whole.identify(fake.token, { shard: [0, 1] });
    expect(await whole.closedWith()).to.equal(4011);
    const half = await RawGatewayClient.connect(fake.gatewayUrl);
    half.identify(fake.token, { shard: [0, 2] });
    expect(await readyGuildIds(half)).to.have.length(1251);
    half.close();
    await fake.close();
  });

  it("serves discord.js running two shards: each guild arrives once, through the shard the formula gives", async () => {
    const guilds = [0, 1, 2, 3].map(guildWithTimestamp);
    const fake = await startFakeDiscord({ guilds, maxConcurrency: 2 });
    const client = await loginDiscordJs(fake, { shards: [0, 1], shardCount: 2 });
    expect(fake.identifiedShards).to.have.deep.members([
      [0, 2],
      [1, 2],
    ]);
    expect([...client.guilds.cache.values()].map((g) => [g.id, g.shardId])).to.have.deep.members(
      guilds.map((g) => [g.id, shardOf(g.id, 2)]),
    );
    await client.destroy();
    await fake.close();
  });
});
