import { expect } from "chai";
import { BEN, botTestGuild, CAL, DEE, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import { syncAnswer } from "./support/sync-answers.js";
import type { ReceivedBatch } from "./support/verifying-server.js";

const OTHER_GUILD = "100000000000000077";
const guildOf = (batch: ReceivedBatch) => batch.events[0]?.guild.id;

/**
 * Finding 8 (docs/architecture.md, "Open findings on delivery") through the real bot: two guilds behind the
 * deployment's one webhook, the endpoint answering as the EXPRESS workflow.
 */
describe("the bot delivering for two guilds through one webhook", () => {
  let rig: BotRig | undefined;

  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const startTwoGuilds = () =>
    startBotRig({ guilds: [botTestGuild(), { ...botTestGuild(), id: OTHER_GUILD, name: "Other" }] });

  it("delivers the other guild's voice changes while one guild's batch keeps failing", async () => {
    rig = await startTwoGuilds();
    const workflow = rig.server;
    workflow.answerWith((batch) =>
      guildOf(batch) === GUILD_ID ? syncAnswer.failed() : syncAnswer.delivered(batch.batchId),
    );
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => workflow.received.length >= 1);
    rig.fake.emitVoiceStateUpdate({ guild_id: OTHER_GUILD, user_id: CAL, channel_id: LOUNGE });
    await until(() => workflow.received.some((b) => guildOf(b) === OTHER_GUILD));
    rig.fake.emitVoiceStateUpdate({ guild_id: OTHER_GUILD, user_id: DEE, channel_id: LOUNGE });
    await until(() => workflow.received.filter((b) => guildOf(b) === OTHER_GUILD).length === 2);
    // The other guild's batches leave the outbox; the failing one's stays.
    await until(() => rig?.bot.health().outboxDepth === 1);
    expect(workflow.received.filter((b) => guildOf(b) === GUILD_ID).length).to.be.at.least(1);
  });

  it("holds the other guild while Discord's 429 for the first is waited out, then resends the first before it", async () => {
    rig = await startTwoGuilds();
    const workflow = rig.server;
    let limited = false;
    workflow.answerWith((batch) => {
      if (limited || guildOf(batch) !== GUILD_ID) return syncAnswer.delivered(batch.batchId);
      limited = true;
      return syncAnswer.rateLimited(batch.batchId, 0.5);
    });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => workflow.received.length === 1);
    rig.fake.emitVoiceStateUpdate({ guild_id: OTHER_GUILD, user_id: CAL, channel_id: LOUNGE });
    await until(() => workflow.received.length === 3);
    expect(workflow.received.map(guildOf)).to.deep.equal([GUILD_ID, GUILD_ID, OTHER_GUILD]);
  });
});
