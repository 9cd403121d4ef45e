import type { FakeGuild } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { ANA, BEN, botTestGuild, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

const TOWN_HALL = "200000000000000004";

/** The test guild with a stage channel, where `suppress` says whether a member is in the audience. */
function guildWithStage(): FakeGuild {
  const guild = botTestGuild();
  return { ...guild, channels: [...guild.channels, { id: TOWN_HALL, name: "Town Hall", type: 13 }] };
}

describe("voice toggles through the real discord.js client", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("with TOGGLES=stream,speaker reports go-live and stage speaker changes, and not the toggles left out", async () => {
    rig = await startBotRig({ env: { TOGGLES: "stream,speaker" }, guilds: [guildWithStage()] });
    const { fake, events } = rig;
    // Each update is the member's whole voice state: a field not named is false.
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: LOUNGE, self_video: true });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: LOUNGE, self_stream: true });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: LOUNGE, self_mute: true });
    // Ben joins the stage in the audience, is invited to speak, then moved back to the audience.
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: TOWN_HALL, suppress: true });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: TOWN_HALL, suppress: false });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: TOWN_HALL, suppress: true });
    await until(() => events().length >= 5);
    expect(events()).to.deep.equal([
      `stream_start:${ANA}`,
      `stream_stop:${ANA}`,
      `join:${BEN}`,
      `speaker_start:${BEN}`,
      `speaker_stop:${BEN}`,
    ]);
  });
});
