import { expect } from "chai";
import { ANA, BEN, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

/** Issue 16's scenarios for a connection Discord drops, silences or times out, against the faithful fake gateway. */
describe("the bot recovering its gateway session as Discord asks", () => {
  let rig: BotRig;

  afterEach(async () => {
    await rig.close();
  });

  it("closes a zombie connection whose heartbeats go unacknowledged, resumes on resume_gateway_url and reports what it missed once", async () => {
    rig = await startBotRig({ fake: { heartbeatInterval: 1000 } });
    rig.fake.zombie();
    // Sent while the connection is silent: kept in the session and replayed by the resume.
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => rig.fake.resumeCount === 1);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE });
    await until(() => rig.events().length >= 2);
    expect(rig.events()).to.deep.equal([`join:${BEN}`, `join:${CAL}`]);
    expect(rig.fake.resumedOn).to.deep.equal(["resume"]);
    expect(rig.fake.identifyCount).to.equal(1);
  });

  it("answers op 7 RECONNECT by resuming on resume_gateway_url, not on the connect URL", async () => {
    rig = await startBotRig();
    rig.fake.reconnect();
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => rig.fake.resumeCount === 1);
    await until(() => rig.events().length >= 1);
    expect(rig.fake.resumedOn).to.deep.equal(["resume"]);
    expect(rig.events()).to.deep.equal([`join:${BEN}`]);
    expect(rig.fake.identifyCount).to.equal(1);
  });

  for (const code of [4007, 4009])
    it(`after close ${code} identifies a new session and reports only real differences: no false join or leave`, async () => {
      rig = await startBotRig();
      // While the session is lost Dee arrives and Ana leaves; Ben and Cal stay out, nobody else moves.
      rig.fake.setVoiceStatesSilently(GUILD_ID, [{ user_id: DEE, channel_id: GAMES }]);
      rig.fake.disconnect(code);
      await until(() => rig.fake.identifyCount === 2);
      await until(() => rig.events().length >= 2);
      rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE });
      await until(() => rig.events().includes(`join:${CAL}`));
      expect(rig.events()).to.have.members([`join:${DEE}`, `leave:${ANA}`, `join:${CAL}`]);
      expect(rig.events()).to.have.length(3);
      expect(rig.fake.resumeCount).to.equal(0);
    });
});
