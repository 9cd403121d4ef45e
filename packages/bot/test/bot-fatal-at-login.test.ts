import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { FATAL_BACKOFF_FILE } from "../src/gateway/fatal-backoff.js";
import { start } from "../src/index.js";
import { botTestGuild, until } from "./support/bot-fixture.js";
import { sleepingClock } from "./support/sleeping-clock.js";

const MINUTE_MS = 60_000;
const BAD_TOKEN = "a-token-discord-never-issued";

interface FatalError extends Error {
  code?: string;
  closeCode?: number | undefined;
  attempt?: number;
  delayMs?: number;
}

/**
 * Issue 16: Discord refuses a bad token at GET /gateway/bot with 401, before any socket (discord-api-docs,
 * developers/events/gateway.mdx, "Get Gateway Bot": "requires authentication using a valid bot token"), and answers
 * an IDENTIFY with disallowed intents with close 4014 (gateway.mdx, "Gateway Restrictions").
 */
describe("the bot refused at login", () => {
  let fake: FakeDiscord;

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [botTestGuild()] });
  });

  afterEach(async () => {
    await fake.close();
  });

  async function startWith(token: string, outboxDir: string, clock: ReturnType<typeof sleepingClock>) {
    let fatal: FatalError | undefined;
    let failed: FatalError | undefined;
    await start({
      env: {
        DISCORD_TOKEN: token,
        DISCORD_API_URL: fake.restUrl,
        EVENTS_ENDPOINT: "http://127.0.0.1:9/e",
        AWS_REGION: "eu-west-1",
        STEPCORD_OUTBOX_DIR: outboxDir,
      },
      now: clock.now,
      sleep: clock.sleep,
      credentials: { accessKeyId: "AKID", secretAccessKey: "s" },
      logger: pino({ level: "silent" }),
      onFatal: (error) => {
        fatal = error;
      },
    }).then(
      (bot) => bot.stop(),
      (error: FatalError) => {
        failed = error;
      },
    );
    return { fatal: () => fatal, failed: () => failed };
  }

  it("with a bad token waits its back-off, then fails naming DISCORD_TOKEN and the portal's Reset Token", async () => {
    const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-token-"));
    const clock = sleepingClock();
    const run = await startWith(BAD_TOKEN, outboxDir, clock);
    const error = run.failed();
    expect(error?.code).to.equal("DISCORD_TOKEN_INVALID");
    expect(error?.message).to.include("DISCORD_TOKEN").and.include("Reset Token");
    expect(error?.message).to.not.include(BAD_TOKEN);
    expect(clock.clock.slept).to.deep.equal([MINUTE_MS]);
    expect(fake.identifyCount).to.equal(0);
  });

  it("with a bad token again after a restart doubles the back-off, so restarts do not hammer Discord", async () => {
    const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-token-"));
    const clock = sleepingClock();
    await startWith(BAD_TOKEN, outboxDir, clock);
    const second = await startWith(BAD_TOKEN, outboxDir, clock);
    expect(second.failed()?.attempt).to.equal(2);
    expect(clock.clock.slept).to.deep.equal([MINUTE_MS, 2 * MINUTE_MS]);
    const state = JSON.parse(await readFile(join(outboxDir, FATAL_BACKOFF_FILE), "utf8"));
    expect(state.attempts).to.equal(2);
  });

  it("with its intents refused at IDENTIFY (4014) waits its back-off, then reports a fatal error naming the portal's Privileged Gateway Intents", async () => {
    const outboxDir = await mkdtemp(join(tmpdir(), "stepcord-intents-"));
    const clock = sleepingClock();
    fake.refuseNextIdentify(4014);
    const run = await startWith(fake.token, outboxDir, clock);
    await until(() => run.fatal() !== undefined || run.failed() !== undefined);
    const error = run.fatal() ?? run.failed();
    expect(error?.closeCode).to.equal(4014);
    expect(error?.message).to.include("Developer Portal").and.include("Privileged Gateway Intents");
    expect(clock.clock.slept).to.deep.equal([MINUTE_MS]);
    expect(fake.identifyCount).to.equal(0);
  });
});
