import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { BEN, CAL, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";

const batchFiles = async (dir: string) =>
  (await readdir(dir)).filter((name) => name.endsWith(".json")).length;

describe("the bot's /healthz outbox depth", () => {
  let rig: BotRig | undefined;
  afterEach(() => rig?.close());

  it("counts every batch file on disk while the deliverer is stuck on an earlier one", async () => {
    const outbox = await mkdtemp(join(tmpdir(), "stepcord-depth-"));
    rig = await startBotRig({ env: { STEPCORD_OUTBOX_DIR: outbox } });
    // The first send never answers, so the deliverer does not list the outbox again until stop() aborts it.
    rig.server.hangNext(1);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    const server = rig.server;
    await until(() => server.hanging === 1);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    let files = 0;
    await until(async () => {
      files = await batchFiles(outbox);
      return files === 2;
    });
    expect(rig.bot.health().outboxDepth).to.equal(files);
  });
});
