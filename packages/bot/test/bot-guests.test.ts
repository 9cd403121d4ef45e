import { expect } from "chai";
import { BEN, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

const GUS = "300000000000000042";

interface Sent {
  type: string;
  user: { id: string; displayName: string; isGuest: boolean };
}

/**
 * Discord sends a guest invited to a voice channel as a member with `joined_at: null` and the IS_GUEST flag (1 << 4)
 * (discord-api-docs, developers/resources/guild.mdx, "Guild Member Structure" and "Guild Member Flags").
 */
describe("the bot reporting guests", () => {
  let rig: BotRig;
  const sent = () => rig.server.received.flatMap((b) => b.events as unknown as Sent[]);

  beforeEach(async () => {
    rig = await startBotRig();
  });

  afterEach(async () => {
    await rig.close();
  });

  it("reports a guest's join as a guest, with the guest's name", async () => {
    rig.fake.emitVoiceStateUpdate({
      guild_id: GUILD_ID,
      user_id: GUS,
      channel_id: LOUNGE,
      member: { user: { id: GUS, username: "gus", global_name: "Gus" }, guest: true },
    });
    await until(() => sent().length >= 1);
    expect(sent()[0]?.user).to.deep.equal({ id: GUS, displayName: "Gus", isGuest: true });
  });

  it("reports a member's join as no guest", async () => {
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => sent().length >= 1);
    expect(sent()[0]?.user).to.deep.equal({ id: BEN, displayName: "ben", isGuest: false });
  });
});
