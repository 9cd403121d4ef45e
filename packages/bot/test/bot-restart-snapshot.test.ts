import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { type Bot, start } from "../src/index.js";
import { MAX_SNAPSHOT_AGE_MS } from "../src/voice/voice-snapshot-store.js";
import { ANA, BEN, botTestGuild, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { botTestEnv } from "./support/bot-rig.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

describe("the bot across a restart, with its voice snapshot saved beside the outbox", () => {
  let fake: FakeDiscord;
  let server: VerifyingServer;
  let outboxDir: string;
  let bot: Bot | undefined;
  const events = () => server.received.flatMap((b) => b.events.map((e) => `${e.type}:${e.user.id}`));
  const startBot = async (clockOffsetMs = 0) => {
    bot = await start({
      env: botTestEnv(fake, server, outboxDir),
      now: () => Date.now() + clockOffsetMs,
      credentials: TEST_CREDENTIALS,
      logger: pino({ level: "silent" }),
    });
    await until(() => bot?.health().ready === true);
  };
  /** Ben joins while the first process runs; it stops; Ana leaves and Cal comes while it is down. */
  const runThenChangeWhileDown = async () => {
    await startBot();
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => events().length === 1);
    await bot?.stop();
    fake.setVoiceStatesSilently(GUILD_ID, [
      { user_id: BEN, channel_id: LOUNGE },
      { user_id: CAL, channel_id: GAMES },
    ]);
  };

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [botTestGuild()] });
    server = await startVerifyingServer();
    outboxDir = await mkdtemp(join(tmpdir(), "stepcord-restart-"));
  });

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await fake.close();
    await server.close();
  });

  it("reports who left and who came while it was down once, with the leaver's name, and no false join after", async () => {
    await runThenChangeWhileDown();
    await startBot();
    await until(() => events().length >= 3);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE, self_mute: true });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => events().includes(`join:${DEE}`));
    expect(events()).to.have.length(4);
    expect(events()[0]).to.equal(`join:${BEN}`);
    expect(events().slice(1, 3)).to.have.members([`leave:${ANA}`, `join:${CAL}`]);
    expect(events()[3]).to.equal(`join:${DEE}`);
    const leave = server.received
      .flatMap(
        (b) =>
          b.events as unknown as Array<{ type: string; user: { displayName: string; isGuest: boolean } }>,
      )
      .find((e) => e.type === "leave");
    expect(leave?.user).to.include({ displayName: "ana", isGuest: false });
    expect(fake.identifyCount).to.equal(2);
  });

  it("ignores a snapshot older than ten minutes: after a long downtime it reports nothing from before", async () => {
    await runThenChangeWhileDown();
    await startBot(MAX_SNAPSHOT_AGE_MS + 60_000);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => events().includes(`join:${DEE}`));
    expect(events()).to.deep.equal([`join:${BEN}`, `join:${DEE}`]);
  });
});
