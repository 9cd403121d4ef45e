import type { FakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import type { Bot } from "../src/index.js";
import { AFK, ANA, BEN, CAL, DEE, GAMES, GUILD_ID, LOUNGE, ROBOT, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import type { VerifyingServer } from "./support/verifying-server.js";

describe("the bot driven by the real discord.js client against the fake gateway", () => {
  let rig: BotRig;
  let fake: FakeDiscord;
  let server: VerifyingServer;
  let bot: Bot;
  const events = () => rig.events();

  beforeEach(async () => {
    rig = await startBotRig({ env: { HEALTH_PORT: "0" } });
    ({ fake, server, bot } = rig);
  });

  afterEach(() => rig.close());

  it("forwards joins, moves and leaves as signed batches, skipping bots and the AFK channel", async () => {
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ROBOT, channel_id: LOUNGE });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: GAMES });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: AFK });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null });
    await until(() => events().length >= 3);
    expect(events()).to.deep.equal([`join:${BEN}`, `move:${BEN}`, `leave:${ANA}`]);
    expect(server.failures).to.equal(0);
  });

  it("serves /healthz with ready, outbox depth and the last delivery time", async () => {
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => bot.health().lastDeliveryAt !== null);
    const res = await fetch(`http://127.0.0.1:${bot.healthPort}/healthz`);
    const body = (await res.json()) as { ready: boolean; outboxDepth: number; lastDeliveryAt: string };
    expect(res.status).to.equal(200);
    expect(body.ready).to.equal(true);
    expect(body.lastDeliveryAt).to.be.a("string");
  });

  it("delivers what happened during a resume exactly once", async () => {
    fake.disconnect(4000);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => events().length >= 1);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE });
    await until(() => events().length >= 2);
    expect(fake.resumeCount).to.equal(1);
    expect(events()).to.deep.equal([`join:${BEN}`, `join:${CAL}`]);
  });

  it("after a re-identify reports only real differences: no false join for who stayed, and no lost join or leave", async () => {
    // Change the fake's world silently while the session is invalidated: Dee arrives, Ana leaves.
    fake.setVoiceStatesSilently(GUILD_ID, [{ user_id: DEE, channel_id: GAMES }]);
    fake.invalidateSession(false);
    await until(() => fake.identifyCount === 2);
    await until(() => events().length >= 2);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE });
    await until(() => events().includes(`join:${CAL}`));
    expect(events()).to.have.members([`join:${DEE}`, `leave:${ANA}`, `join:${CAL}`]);
  });

  it("after a guild outage reports who joined and who left meanwhile once, and a later self-mute is no join", async () => {
    fake.guildOutage(GUILD_ID);
    await until(() => bot.client.guilds.cache.get(GUILD_ID)?.available === false);
    // While the guild is unavailable Discord sends nothing for it: Ben arrives, Ana leaves.
    fake.setVoiceStatesSilently(GUILD_ID, [{ user_id: BEN, channel_id: LOUNGE }]);
    fake.guildRecovers(GUILD_ID);
    await until(() => events().length >= 2);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE, self_mute: true });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await until(() => events().includes(`join:${CAL}`));
    expect(events()).to.have.members([`join:${BEN}`, `leave:${ANA}`, `join:${CAL}`]);
    expect(fake.identifyCount).to.equal(1);
  });
});
