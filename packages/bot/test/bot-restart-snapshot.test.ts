import type { FakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { MAX_SNAPSHOT_AGE_MS } from "../src/voice/voice-snapshot-store.js";
import { ANA, BEN, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import type { VerifyingServer } from "./support/verifying-server.js";

describe("the bot across a restart, with its voice snapshot saved beside the outbox", () => {
  let rig: BotRig;
  let fake: FakeDiscord;
  let server: VerifyingServer;
  const events = () => rig.events();
  /** Ben joins while the first process runs; it stops; Ana leaves and Cal comes while it is down. */
  const runThenChangeWhileDown = async () => {
    rig = await startBotRig();
    ({ fake, server } = rig);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(() => events().length === 1);
    // The server records a batch before the bot hears its answer; stopping in between would resend it.
    await until(() => rig.bot.health().outboxDepth === 0);
    await rig.stopBot();
    fake.setVoiceStatesSilently(GUILD_ID, [
      { user_id: BEN, channel_id: LOUNGE },
      { user_id: CAL, channel_id: GAMES },
    ]);
  };
  const startBot = (clockOffsetMs = 0) => rig.startBot({ now: () => Date.now() + clockOffsetMs });

  afterEach(() => rig.close());

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
