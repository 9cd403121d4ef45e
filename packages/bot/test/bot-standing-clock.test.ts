import { expect } from "chai";
import { BEN, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import { syncAnswer } from "./support/sync-answers.js";

// `pnpm demo` starts the bot with a clock that stands still inside each scene (packages/local/src/demo/demo-clock.ts)
// so event times are exact. The batching window and Discord's retry_after pace requests to real servers: they must
// run out in real time whatever the injected clock says, or the bot never sends.
describe("the bot with an injected clock that stands still", () => {
  let rig: BotRig | undefined;
  afterEach(() => rig?.close());

  const standing = () => {
    const at = Date.now();
    return { now: () => at };
  };

  it("sends a batch once its batching window has run out in real time", async () => {
    rig = await startBotRig({ start: standing() });
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    const server = rig.server;
    await until(() => server.received.length === 1);
    expect(rig.events()).to.deep.equal([`join:${BEN}`]);
  });

  it("resends a rate-limited batch once Discord's retry_after has run out in real time", async () => {
    rig = await startBotRig({ start: standing() });
    const script = [(id: string) => syncAnswer.rateLimited(id, 0.05)];
    rig.server.answerWith((batch) => (script.shift() ?? syncAnswer.delivered)(batch.batchId));
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    const bot = rig.bot;
    await until(() => bot.health().lastDeliveryAt !== null);
    expect(rig.server.received.map((b) => b.batchId)).to.have.length(2);
  });
});
