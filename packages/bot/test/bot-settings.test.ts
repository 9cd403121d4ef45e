import { expect } from "chai";
import pino from "pino";
import { BEN, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import { SettingsStandIn } from "./support/settings-stand-in.js";

/** MANAGE_GUILD (permissions.mdx, 1 << 5), as Discord sends `member.permissions`: a decimal string. */
const MANAGE_SERVER = "32";
/** VIEW_CHANNEL and SEND_MESSAGES only. */
const PLAIN_MEMBER = "3072";

const subcommand = (name: string, options: Array<{ name: string; type: number; value: string }> = []) => [
  { name, type: 1, options },
];

/** An admin's (or anyone's) `/stepcord <name>` through the fake gateway; waits for the bot's final answer. */
async function runCommand(
  rig: BotRig,
  name: string,
  options: Array<{ name: string; type: number; value: string }> = [],
  permissions = MANAGE_SERVER,
) {
  const sent = rig.fake.dispatchInteraction({
    guildId: GUILD_ID,
    channelId: LOUNGE,
    member: { user: { id: BEN, username: "ben" } },
    permissions,
    allowedByOverwrite: permissions !== MANAGE_SERVER,
    command: "stepcord",
    options: subcommand(name, options),
  });
  await until(() => {
    const original = rig.fake.interaction(sent.id)?.original;
    return original !== undefined && !original.loading;
  });
  return { sent, answer: rig.fake.interaction(sent.id) };
}

describe("/stepcord through the real bot", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  const registered = async (r: BotRig) => until(() => r.fake.registeredCommands("global").length === 1);

  it("announces nothing while an admin's pause lasts, and again after resume", async () => {
    rig = await startBotRig();
    await registered(rig);
    const { answer } = await runCommand(rig, "pause", [{ name: "duration", type: 3, value: "30m" }]);
    expect(answer?.original?.ephemeral).to.equal(true);
    expect(answer?.original?.content).to.match(/paused until <t:\d+:f>/);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await runCommand(rig, "resume");
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => rig?.events().includes(`join:${DEE}`) === true);
    await rig.bot.flush();
    expect(rig.events()).to.deep.equal([`join:${DEE}`]);
  });

  it("makes the very next batch quiet after /stepcord quiet 23:00 07:00 Asia/Tokyo, at 23:30 Tokyo time", async () => {
    // 14:30 UTC is 23:30 in Tokyo.
    rig = await startBotRig({ start: { now: () => Date.parse("2026-06-01T14:30:00Z") } });
    await registered(rig);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await until(() => rig?.server.received.length === 1);
    const { answer } = await runCommand(rig, "quiet", [
      { name: "from", type: 3, value: "23:00" },
      { name: "to", type: 3, value: "07:00" },
      { name: "timezone", type: 3, value: "Asia/Tokyo" },
    ]);
    expect(answer?.original?.content).to.contain("23:00–07:00 (Asia/Tokyo)");
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    await until(() => rig?.server.received.length === 2);
    expect(rig.server.received.map((b) => b.quiet === true)).to.deep.equal([false, true]);
  });

  it("refuses a member without Manage Server with an ephemeral answer and calls nothing", async () => {
    rig = await startBotRig();
    await registered(rig);
    const before = rig.server.settingsRequests;
    const sent = rig.fake.dispatchInteraction({
      guildId: GUILD_ID,
      channelId: LOUNGE,
      member: { user: { id: BEN, username: "ben" } },
      permissions: PLAIN_MEMBER,
      allowedByOverwrite: true,
      command: "stepcord",
      options: subcommand("resume"),
    });
    await until(() => rig?.fake.interaction(sent.id)?.original !== undefined);
    const original = rig.fake.interaction(sent.id)?.original;
    expect(original?.ephemeral).to.equal(true);
    expect(original?.content).to.contain("Manage Server");
    expect(rig.server.settingsRequests).to.equal(before);
  });

  it("answers 'try again' when the settings workflow answers 500, and logs the fix without the token", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    rig = await startBotRig({ start: { logger } });
    await registered(rig);
    rig.settings.failNext(1, 500);
    const { sent, answer } = await runCommand(rig, "resume");
    expect(answer?.original?.ephemeral).to.equal(true);
    expect(answer?.original?.content).to.match(/try again/i);
    const failure = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.code === "SETTINGS_FAILED");
    expect(failure?.msg).to.match(/Fix:/);
    expect(lines.join("\n")).not.to.contain(sent.token);
  });

  it("answers a burst of 60 commands without waiting on discord.js's global limit, which interactions are not bound by", async () => {
    // rate-limits.mdx: "Interaction endpoints are not bound to the bot's Global Rate Limit"; @discordjs/rest counts
    // every request against its 50 a second unless told otherwise.
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    rig = await startBotRig({ start: { logger } });
    await registered(rig);
    const sent = Array.from({ length: 60 }, () =>
      rig?.fake.dispatchInteraction({
        guildId: GUILD_ID,
        channelId: LOUNGE,
        member: { user: { id: BEN, username: "ben" } },
        permissions: MANAGE_SERVER,
        command: "stepcord",
        options: subcommand("status"),
      }),
    );
    await until(() => sent.every((s) => rig?.fake.interaction(s?.id ?? "")?.original?.loading === false));
    expect(lines.filter((l) => l.global === true)).to.deep.equal([]);
  });

  it("suggests time zones to an admin typing one, within Discord's 3 s", async () => {
    rig = await startBotRig();
    await registered(rig);
    const sent = rig.fake.dispatchInteraction({
      guildId: GUILD_ID,
      channelId: LOUNGE,
      member: { user: { id: BEN, username: "ben" } },
      permissions: MANAGE_SERVER,
      type: 4,
      command: "stepcord",
      options: [
        {
          name: "quiet",
          type: 1,
          options: [
            { name: "from", type: 3, value: "23" },
            { name: "timezone", type: 3, value: "Asia/To", focused: true },
          ],
        },
      ],
    });
    await until(() => rig?.fake.interaction(sent.id)?.choices !== undefined);
    expect(rig.fake.interaction(sent.id)?.choices?.map((c) => c.value)).to.include("Asia/Tokyo");
  });

  it("shows status with where each rule comes from and the destination id, never a URL", async () => {
    rig = await startBotRig();
    await registered(rig);
    await runCommand(rig, "min-members", [{ name: "count", type: 4, value: 3 as unknown as string }]);
    const { answer } = await runCommand(rig, "status");
    const content = answer?.original?.content ?? "";
    expect(content).to.match(/minimum members: 3 \(Discord settings\)/i);
    expect(content).to.match(/quiet hours: off \(environment\)/i);
    expect(content).to.contain("`default`");
    expect(content).not.to.match(/https?:\/\//);
  });
});

describe("settings read at start", () => {
  let rig: BotRig | undefined;
  afterEach(async () => {
    await rig?.close();
    rig = undefined;
  });

  it("reads each guild's settings once at start and obeys them (a pause set earlier holds)", async () => {
    const settings = new SettingsStandIn();
    settings.seed({
      guildId: GUILD_ID,
      version: 1,
      updatedAt: "2026-06-01T00:00:00.000Z",
      updatedBy: BEN,
      pausedUntil: "indefinitely",
      ignoredChannels: [],
    });
    rig = await startBotRig({ settings });
    await until(() => settings.calls.length === 1);
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await runCommand(rig, "status");
    await rig.bot.flush();
    expect(rig.events()).to.deep.equal([]);
    expect(settings.calls.map((c) => c.request.kind)).to.deep.equal(["status", "status"]);
  });

  it("keeps the stack's rules and logs the fix when the read at start fails", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = pino({ level: "info" }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const settings = new SettingsStandIn();
    settings.failNext(1, 403);
    rig = await startBotRig({ settings, start: { logger } });
    await until(() => lines.some((l) => l.code === "SETTINGS_FORBIDDEN"));
    rig.fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: GAMES });
    await until(() => rig?.events().includes(`join:${CAL}`) === true);
    expect(String(lines.find((l) => l.code === "SETTINGS_FORBIDDEN")?.msg)).to.match(/Fix:/);
  });
});
