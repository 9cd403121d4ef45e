import { expect } from "chai";
import { ANA, BEN, CAL, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

describe("the bot's rules through the real discord.js client", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("with FIRST_JOINER_ONLY announces a join only into an empty channel, and still reports leaves", async () => {
    rig = await startBotRig({ env: { FIRST_JOINER_ONLY: "true" } });
    const { fake, events } = rig;
    // Ana is already in the Lounge (botTestGuild): Ben's join there is not the first.
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null });
    await until(() => events().length >= 2);
    expect(events()).to.deep.equal([`join:${CAL}`, `leave:${ANA}`]);
  });
});
