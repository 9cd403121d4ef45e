import { expect } from "chai";
import pino from "pino";
import { ANA, BEN, botTestGuild, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import {
  directoryOf,
  HARBOUR,
  SECOND_GUILD_ID,
  secondGuild,
  THIRD_GUILD_ID,
  webhookUrl,
  writeServersFile,
} from "./support/two-servers.js";

/** `guild:type:user` for each event the endpoint received, batch by batch. */
const batchesOf = (rig: BotRig) =>
  rig.server.received.map((b) =>
    b.events.map((e) => `${e.guild.id === GUILD_ID ? "A" : "B"}:${e.type}:${e.user.id}`),
  );

describe("many servers through the real discord.js client", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("sends nothing of a guild that has no destination, and tells once how to add it", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const file = await writeServersFile(directoryOf({ [GUILD_ID]: { webhookUrl: webhookUrl(1) } }));
    rig = await startBotRig({
      env: { STEPCORD_SERVERS_FILE: file },
      guilds: [botTestGuild(), secondGuild(THIRD_GUILD_ID)],
      start: { logger },
    });
    const { fake, events } = rig;
    fake.emitVoiceStateUpdate({ guild_id: THIRD_GUILD_ID, user_id: BEN, channel_id: HARBOUR });
    fake.emitVoiceStateUpdate({ guild_id: THIRD_GUILD_ID, user_id: CAL, channel_id: HARBOUR });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: GAMES });
    await until(() => events().length >= 1);
    await rig.bot.flush();
    expect(rig.server.received.flatMap((b) => b.events.map((e) => e.guild.id))).to.deep.equal([GUILD_ID]);
    const warnings = lines.filter((l) => l.code === "NO_DESTINATION");
    expect(warnings.map((l) => l.guildId)).to.deep.equal([THIRD_GUILD_ID]);
  });

  it("follows each server's own rules: a member threshold in one, the environment's default in the other", async () => {
    const file = await writeServersFile(
      directoryOf({
        [GUILD_ID]: { webhookUrl: webhookUrl(1) },
        [SECOND_GUILD_ID]: { webhookUrl: webhookUrl(2), rules: { minMembers: 2 } },
      }),
    );
    rig = await startBotRig({
      env: { STEPCORD_SERVERS_FILE: file },
      guilds: [botTestGuild(), secondGuild()],
    });
    const { fake, events } = rig;
    // Alone in the Harbour: below the second server's threshold; then Cal makes two.
    fake.emitVoiceStateUpdate({ guild_id: SECOND_GUILD_ID, user_id: BEN, channel_id: HARBOUR });
    fake.emitVoiceStateUpdate({ guild_id: SECOND_GUILD_ID, user_id: CAL, channel_id: HARBOUR });
    // Alone in Games in the first server: announced, its default has no threshold.
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => events().length >= 2);
    await rig.bot.flush();
    expect(batchesOf(rig).flat().sort()).to.deep.equal([`A:join:${DEE}`, `B:join:${CAL}`]);
  });

  it("marks only the server inside its own quiet hours quiet, read in its time zone", async () => {
    // 23:30 in Tokyo is 14:30 UTC: the first server (Asia/Tokyo, 23:00-07:00) is quiet, the second (UTC) is not.
    const now = () => Date.parse("2026-06-01T14:30:00Z");
    const file = await writeServersFile(
      directoryOf({
        [GUILD_ID]: {
          webhookUrl: webhookUrl(1),
          rules: { quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" } },
        },
        [SECOND_GUILD_ID]: {
          webhookUrl: webhookUrl(2),
          rules: { quietHours: { from: "23:00", to: "07:00" } },
        },
      }),
    );
    rig = await startBotRig({
      env: { STEPCORD_SERVERS_FILE: file },
      guilds: [botTestGuild(), secondGuild()],
      start: { now },
    });
    const { fake, events } = rig;
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: GAMES });
    fake.emitVoiceStateUpdate({ guild_id: SECOND_GUILD_ID, user_id: CAL, channel_id: HARBOUR });
    await until(() => events().length >= 2);
    const quietBy = Object.fromEntries(rig.server.received.map((b) => [b.events[0]?.guild.id, b.quiet]));
    expect(quietBy).to.deep.equal({ [GUILD_ID]: true, [SECOND_GUILD_ID]: false });
  });

  it("never puts a voice channel with its own thread in the same message as the rest of its server", async () => {
    const file = await writeServersFile(
      directoryOf({
        [GUILD_ID]: { webhookUrl: webhookUrl(1), channels: { [GAMES]: { threadId: "400000000000000001" } } },
      }),
    );
    // A long window: all three joins are queued before the first batch may go, so only the lanes keep them apart.
    rig = await startBotRig({ env: { STEPCORD_SERVERS_FILE: file, BATCH_WINDOW_MS: "300" } });
    const { fake, events } = rig;
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null });
    await until(() => events().length >= 3);
    const channelsOf = rig.server.received.map((b) => [...new Set(b.events.map((e) => e.channel.id))]);
    expect(channelsOf).to.have.deep.members([[LOUNGE], [GAMES]]);
  });
});

describe("a server's own channel lists and event kinds through the real discord.js client", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("announces only the kinds the server names, classifies the toggles it names, and never a denied channel", async () => {
    const file = await writeServersFile(
      directoryOf({
        [GUILD_ID]: {
          webhookUrl: webhookUrl(1),
          rules: { events: ["join", "stream"], denyChannels: [GAMES] },
        },
      }),
    );
    // No TOGGLES in the environment: the server's `stream` alone turns go-live on.
    rig = await startBotRig({ env: { STEPCORD_SERVERS_FILE: file } });
    const { fake, events } = rig;
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: GAMES }); // denied
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: LOUNGE }); // join: announced
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: LOUNGE, self_stream: true });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null }); // leave: not a kind it names
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: LOUNGE }); // the last, to wait for
    await until(() => events().includes(`join:${DEE}`));
    expect(events()).to.deep.equal([`join:${CAL}`, `stream_start:${ANA}`, `join:${DEE}`]);
  });
});
