import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { joinEvent, type VoiceEventBatch } from "@stepcord/events";
import { startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { Batcher } from "../src/batcher.js";
import { start } from "../src/index.js";
import { botTestGuild, until } from "./support/bot-fixture.js";

describe("Batcher", () => {
  it("splits 23 coalesced events into batches of 10, 10 and 3 with one quiet flag", async () => {
    const out: VoiceEventBatch[] = [];
    const batcher = new Batcher(
      60_000,
      () => true,
      async (b) => void out.push(...b),
    );
    for (let i = 0; i < 23; i++) batcher.add(joinEvent);
    await batcher.flush();
    expect(out.map((b) => b.events.length)).to.deep.equal([10, 10, 3]);
    expect(out.every((b) => b.quiet)).to.equal(true);
  });
});

describe("fatal gateway close codes", () => {
  // 4004 after READY: the session of a token that Discord reset. 4014 answers IDENTIFY, never a ready session
  // (gateway.mdx, "Gateway Restrictions"); bot-fatal-at-login.test.ts drives it there.
  for (const code of [4004]) {
    it(`reports close code ${code} as fatal instead of reconnecting`, async () => {
      const fake = await startFakeDiscord({ guilds: [botTestGuild()] });
      let fatal: (Error & { closeCode?: number }) | undefined;
      const bot = await start({
        env: {
          DISCORD_TOKEN: fake.token,
          DISCORD_API_URL: fake.restUrl,
          EVENTS_ENDPOINT: "http://127.0.0.1:9/e",
          AWS_REGION: "eu-west-1",
          STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-fatal-")),
        },
        credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
        logger: pino({ level: "silent" }),
        sleep: async () => undefined,
        onFatal: (error) => {
          fatal = error;
        },
      });
      await until(() => bot.health().ready);
      fake.disconnect(code);
      await until(() => fatal !== undefined);
      expect(fatal?.closeCode).to.equal(code);
      expect(fake.identifyCount).to.equal(1);
      await bot.stop();
      await fake.close();
    });
  }
});
