import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import { readEnvelope } from "../src/delivery/outbox.js";
import { BEN, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

const batchFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith(".json"));

describe("the bot's /healthz outbox depth", () => {
  let rig: BotRig | undefined;
  afterEach(() => rig?.close());

  it("counts every batch file on disk while the deliverer is stuck on an earlier one", async () => {
    rig = await startBotRig();
    const { fake, server, outboxDir } = rig;
    // The first send never answers, so the deliverer does not list the outbox again until stop() aborts it.
    server.hangNext(1);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => server.hanging === 1);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    let files = 0;
    await until(async () => {
      files = (await batchFiles(outboxDir)).length;
      return files === 2;
    });
    expect(rig.bot.health().outboxDepth).to.equal(files);
  });

  it("reports as outbox depth the batch files on disk while the deliverer backs off", async () => {
    rig = await startBotRig();
    const { fake, server, outboxDir } = rig;
    const events = async () => {
      let n = 0;
      for (const f of await batchFiles(outboxDir))
        n += readEnvelope(await readFile(join(outboxDir, f), "utf8")).batch.events.length;
      return n;
    };
    server.failNext(1_000_000, 503);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => server.failuresAnswered >= 3); // the deliverer is backing off now
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: LOUNGE });
    await until(async () => (await events()) === 3);
    expect(rig.bot.health().outboxDepth).to.equal((await batchFiles(outboxDir)).length);
  });
});
