import { expect } from "chai";
import { type FakeGuild, GUILD_MEMBER_FLAG_IS_GUEST, startFakeDiscord } from "../src/gateway/index.js";
import { RawGatewayClient } from "./support/raw-gateway-client.js";

const GUILD_ID = "100000000000000001";
const LOUNGE = "200000000000000001";

function guild(): FakeGuild {
  return {
    id: GUILD_ID,
    name: "g",
    channels: [{ id: LOUNGE, name: "Lounge", type: 2 }],
    members: [{ user: { id: "300000000000000001", username: "ana" } }],
    voice_states: [
      { user_id: "300000000000000001", channel_id: LOUNGE },
      { user_id: "300000000000000002", channel_id: LOUNGE, self_stream: true },
    ],
  };
}

describe("the fake gateway's payload shapes", () => {
  let client: RawGatewayClient;
  let close: () => Promise<void>;
  let emit: Awaited<ReturnType<typeof startFakeDiscord>>["emitVoiceStateUpdate"];

  beforeEach(async () => {
    const fake = await startFakeDiscord({ guilds: [guild()] });
    client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.identify(fake.token);
    await client.next((p) => p.t === "GUILD_CREATE");
    emit = (s) => fake.emitVoiceStateUpdate(s);
    close = () => fake.close();
  });

  afterEach(async () => {
    client.close();
    await close();
  });

  const guildCreate = () =>
    client.dispatches().find((p) => p.t === "GUILD_CREATE")?.d as {
      voice_states: Array<Record<string, unknown>>;
    };

  it("leaves guild_id out of GUILD_CREATE's voice states (gateway-events.mdx, Guild Create Extra Fields)", () => {
    expect(guildCreate().voice_states.map((v) => "guild_id" in v)).to.deep.equal([false, false]);
  });

  it("sends self_stream only when the member streams (voice.mdx, Voice State Structure: self_stream?)", () => {
    expect(guildCreate().voice_states.map((v) => v.self_stream)).to.deep.equal([undefined, true]);
  });

  it("sends a guest as a member with joined_at null and the IS_GUEST flag (guild.mdx, Guild Member Flags)", async () => {
    emit({
      guild_id: GUILD_ID,
      user_id: "300000000000000003",
      channel_id: LOUNGE,
      member: { user: { id: "300000000000000003", username: "gus" }, guest: true },
    });
    const update = await client.next((p) => p.t === "VOICE_STATE_UPDATE");
    const d = update.d as { guild_id: string; member: { joined_at: string | null; flags: number } };
    expect(d.guild_id).to.equal(GUILD_ID);
    expect(d.member.joined_at).to.equal(null);
    expect(d.member.flags & GUILD_MEMBER_FLAG_IS_GUEST).to.equal(GUILD_MEMBER_FLAG_IS_GUEST);
  });

  it("sends a member who is no guest with joined_at and flags 0", async () => {
    emit({ guild_id: GUILD_ID, user_id: "300000000000000001", channel_id: null });
    const update = await client.next((p) => p.t === "VOICE_STATE_UPDATE");
    const d = update.d as { member: { joined_at: string | null; flags: number } };
    expect(d.member.joined_at).to.be.a("string");
    expect(d.member.flags).to.equal(0);
  });
});
