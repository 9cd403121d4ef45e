import {
  COMMUNITY_SIZES,
  communityGuild,
  FAKE_BOT_USER,
  type FakeDiscord,
  type FakeMember,
} from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { ChannelType } from "discord.js";
import type { Bot } from "../src/index.js";
import { until } from "./support/bot-fixture.js";
import { type BotRig, startBotRig } from "./support/bot-rig.js";
import type { VerifyingServer } from "./support/verifying-server.js";

interface SentEvent {
  type: string;
  user: { id: string; displayName: string; isGuest: boolean };
}

/** Newcomers not in the GUILD_CREATE: a third with a nickname, a third with only a global name, every 5th a bot. */
function newcomer(n: number): FakeMember {
  const id = `77${String(n).padStart(15, "0")}`;
  const bot = n % 5 === 4;
  return {
    user: { id, username: `newcomer${n}`, global_name: n % 3 === 2 ? null : `Global ${n}`, bot },
    nick: n % 3 === 0 ? `Nick ${n}` : null,
  };
}

const shownName = (m: FakeMember) => m.nick ?? m.user.global_name ?? m.user.username;

describe("the bot with its lean caches against a community guild", () => {
  const source = communityGuild(0, { voiceMembers: 12, botEvery: 4 });
  const guildId = source.id;
  const voiceChannels = source.channels.filter((c) => c.type === ChannelType.GuildVoice).map((c) => c.id);
  const lounge = voiceChannels[0] ?? "";
  let rig: BotRig;
  let fake: FakeDiscord;
  let server: VerifyingServer;
  let bot: Bot;
  const sent = () => server.received.flatMap((b) => b.events as unknown as SentEvent[]);

  beforeEach(async () => {
    rig = await startBotRig({ guilds: [structuredClone(source)] });
    ({ fake, server, bot } = rig);
  });

  afterEach(() => rig.close());

  it("names members by nickname, global name or username and skips bots through 100 joins and 100 leaves", async () => {
    const expected: string[] = [];
    for (let round = 0; round < 5; round++) {
      const members = Array.from({ length: 20 }, (_, i) => newcomer(round * 20 + i));
      for (const member of members) {
        fake.emitVoiceStateUpdate({ guild_id: guildId, user_id: member.user.id, channel_id: lounge, member });
        if (!member.user.bot) expected.push(`join ${member.user.id} ${shownName(member)}`);
      }
      // Discord sends the member object with a leave too; its name is what the leave reports.
      for (const member of members) {
        fake.emitVoiceStateUpdate({ guild_id: guildId, user_id: member.user.id, channel_id: null, member });
        if (!member.user.bot) expected.push(`leave ${member.user.id} ${shownName(member)}`);
      }
    }
    await until(() => sent().length >= expected.length, 15_000, `${expected.length} events`);
    expect(sent().map((e) => `${e.type} ${e.user.id} ${e.user.displayName}`)).to.deep.equal(expected);
    expect(sent().some((e) => e.user.isGuest)).to.equal(false);
  });

  it("names members from GUILD_CREATE when their update carries no member object, and skips the bots among them", async () => {
    const inVoice = source.members.filter((m) => m.user.id !== FAKE_BOT_USER.id);
    const humans = inVoice.filter((m) => !m.user.bot);
    expect(inVoice.length - humans.length).to.be.greaterThan(0);
    for (const member of inVoice)
      fake.emitVoiceStateUpdate({
        guild_id: guildId,
        user_id: member.user.id,
        channel_id: null,
        member: null,
      });
    const last = humans.at(-1);
    if (last)
      fake.emitVoiceStateUpdate({
        guild_id: guildId,
        user_id: last.user.id,
        channel_id: lounge,
        member: null,
      });
    await until(() => sent().length >= humans.length + 1, 15_000, `${humans.length + 1} events`);
    expect(sent().map((e) => `${e.type} ${e.user.displayName}`)).to.deep.equal([
      ...humans.map((m) => `leave ${shownName(m)}`),
      // Back after leaving: Discord sent no member object this time and the directory forgot them on the leave. That
      // makes them unknown, not a guest: Discord sends a guest as a member with the IS_GUEST flag.
      "join Unknown member",
    ]);
    expect(sent().at(-1)?.user.isGuest).to.equal(false);
  });

  it("keeps voice states, voice channels, @everyone and itself, and none of the rest of a community guild", async () => {
    const joiner = newcomer(1);
    fake.emitVoiceStateUpdate({
      guild_id: guildId,
      user_id: joiner.user.id,
      channel_id: lounge,
      member: joiner,
    });
    fake.emitVoiceStateUpdate({
      guild_id: guildId,
      user_id: joiner.user.id,
      channel_id: null,
      member: joiner,
    });
    await until(() => sent().length >= 2);
    const guild = bot.client.guilds.cache.get(guildId);
    const types = new Set(guild?.channels.cache.map((c) => c.type));
    expect(guild?.voiceStates.cache.size).to.equal(12);
    expect([...types].sort((a, b) => a - b)).to.deep.equal([
      ChannelType.GuildVoice,
      ChannelType.GuildStageVoice,
    ]);
    expect(guild?.channels.cache.size).to.equal(
      COMMUNITY_SIZES.voiceChannels + COMMUNITY_SIZES.stageChannels,
    );
    expect(guild?.roles.cache.map((r) => r.id)).to.deep.equal([guildId]);
    expect(guild?.members.cache.map((m) => m.id)).to.deep.equal([FAKE_BOT_USER.id]);
    expect(bot.client.users.cache.map((u) => u.id)).to.deep.equal([FAKE_BOT_USER.id]);
    expect(guild?.emojis.cache.size).to.equal(0);
    expect(guild?.stickers.cache.size).to.equal(0);
    expect(guild?.scheduledEvents.cache.size).to.equal(0);
    expect(guild?.memberCount).to.equal(COMMUNITY_SIZES.memberCount);
  });
});
