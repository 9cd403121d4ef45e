import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import { readEnvelope } from "../src/delivery/outbox.js";
import { BEN, CAL, DEE, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

describe("/healthz during an outage", () => {
  let rig: BotRig;

  afterEach(() => rig.close());

  it("reports as outbox depth the batch files on disk while the deliverer backs off", async () => {
    rig = await startBotRig();
    const { fake, server, outboxDir } = rig;
    const names = async () => (await readdir(outboxDir)).filter((f) => f.endsWith(".json"));
    const files = async () => (await names()).length;
    const events = async () => {
      let n = 0;
      for (const f of await names())
        n += readEnvelope(await readFile(join(outboxDir, f), "utf8")).batch.events.length;
      return n;
    };
    server.failNext(1_000_000, 503);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => server.failuresAnswered >= 3); // the deliverer is backing off now
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: LOUNGE });
    await until(async () => (await events()) === 3);
    expect(rig.bot.health().outboxDepth).to.equal(await files());
  });
});
