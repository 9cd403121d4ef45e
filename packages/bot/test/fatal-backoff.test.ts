import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { FATAL_BACKOFF_FILE, FatalBackoff, fatalBackoffMs } from "../src/fatal-backoff.js";
import { start } from "../src/index.js";
import { botTestGuild, until } from "./support/bot-fixture.js";

const MINUTE_MS = 60_000;

/** A clock that only moves when the code under test sleeps (or the test moves it). */
function sleepingClock() {
  const clock = { nowMs: 0, slept: [] as number[] };
  return {
    clock,
    now: () => clock.nowMs,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.nowMs += ms;
    },
  };
}

describe("fatalBackoffMs", () => {
  it("waits a minute after the first fatal close and doubles to at most an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => fatalBackoffMs(n) / MINUTE_MS)).to.deep.equal([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });
});

describe("FatalBackoff", () => {
  it("counts fatal closes in a row across restarts through its file and starts over after a reset", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "stepcord-backoff-")), FATAL_BACKOFF_FILE);
    const { now, sleep } = sleepingClock();
    const delays: number[] = [];
    for (let restart = 0; restart < 3; restart++)
      delays.push((await new FatalBackoff(file, now, sleep).record()).delayMs);
    expect(delays).to.deep.equal([MINUTE_MS, 2 * MINUTE_MS, 4 * MINUTE_MS]);
    await new FatalBackoff(file, now, sleep).reset();
    expect((await new FatalBackoff(file, now, sleep).record()).attempt).to.equal(1);
  });

  it("treats an unreadable state file as no earlier fatal close", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "stepcord-backoff-")), FATAL_BACKOFF_FILE);
    await writeFile(file, "{torn");
    const { now, sleep, clock } = sleepingClock();
    const backoff = new FatalBackoff(file, now, sleep);
    expect(await backoff.waitOut()).to.equal(0);
    expect((await backoff.record()).attempt).to.equal(1);
    expect(clock.slept).to.deep.equal([]);
  });
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
