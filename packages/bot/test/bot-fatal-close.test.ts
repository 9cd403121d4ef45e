import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { FATAL_BACKOFF_FILE } from "../src/gateway/fatal-backoff.js";
import { start } from "../src/index.js";
import { botTestGuild, until } from "./support/bot-fixture.js";
import { sleepingClock } from "./support/sleeping-clock.js";

const MINUTE_MS = 60_000;

describe("fatal gateway close codes", () => {
  for (const code of [4004, 4014]) {
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

describe("the bot after a fatal gateway close", () => {
  it("waits a minute before reporting it, and a restart killed inside that minute waits the rest before identifying", async () => {
    const fake = await startFakeDiscord({ guilds: [botTestGuild()] });
    const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-fatal-"));
    const { now, sleep, clock } = sleepingClock();
    let fatal: (Error & { attempt?: number; delayMs?: number }) | undefined;
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.restUrl,
      EVENTS_ENDPOINT: "http://127.0.0.1:9/e",
      AWS_REGION: "eu-west-1",
      STEPCORD_OUTBOX_DIR: outboxDir,
    };
    const common = {
      env,
      now,
      sleep,
      credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
      logger: pino({ level: "silent" }),
    };
    const first = await start({ ...common, onFatal: (error) => (fatal = error) });
    await until(() => first.health().ready);
    fake.disconnect(4004);
    await until(() => fatal !== undefined);
    expect(clock.slept).to.deep.equal([MINUTE_MS]);
    expect(fatal).to.include({ closeCode: 4004, attempt: 1, delayMs: MINUTE_MS });
    const state = JSON.parse(await readFile(join(outboxDir, FATAL_BACKOFF_FILE), "utf8"));
    expect(state).to.deep.equal({ attempts: 1, lastFatalAt: 0 });
    await first.stop();

    // The process was killed 20 s into its minute (say by a failing health check) and starts again.
    clock.nowMs = 20_000;
    const second = await start(common);
    expect(clock.slept).to.deep.equal([MINUTE_MS, 40_000]);
    await until(() => second.health().ready);
    expect(fake.identifyCount).to.equal(2);
    await until(async () =>
      readFile(join(outboxDir, FATAL_BACKOFF_FILE)).then(
        () => false,
        () => true,
      ),
    );
    await second.stop();
    await fake.close();
  });
});
