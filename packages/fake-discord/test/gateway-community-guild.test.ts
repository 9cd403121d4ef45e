import { expect } from "chai";
import { ChannelType, type Client, type Guild } from "discord.js";
import {
  COMMUNITY_SIZES,
  communityGuild,
  FAKE_BOT_USER,
  type FakeDiscord,
  startFakeDiscord,
} from "../src/gateway/index.js";
import { loginDiscordJs } from "./support/discordjs-client.js";

describe("a community guild's GUILD_CREATE, parsed by discord.js with its default caches", () => {
  let fake: FakeDiscord;
  let client: Client;
  let guild: Guild;
  const source = communityGuild(7, { liveStage: true });

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [structuredClone(source)] });
    client = await loginDiscordJs(fake);
    const parsed = client.guilds.cache.get(source.id);
    if (!parsed) throw new Error(`discord.js did not create guild ${source.id}`);
    guild = parsed;
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  it("is large, with the total member count but members only for those in voice and the bot", () => {
    expect(guild.large).to.equal(true);
    expect(guild.memberCount).to.equal(COMMUNITY_SIZES.memberCount);
    expect(guild.members.cache.size).to.equal(COMMUNITY_SIZES.voiceMembers + 1);
    expect(guild.members.me?.id).to.equal(FAKE_BOT_USER.id);
    expect(guild.voiceStates.cache.size).to.equal(COMMUNITY_SIZES.voiceMembers);
  });

  it("carries every role (and @everyone), emoji, sticker, scheduled event and the live stage", () => {
    expect(guild.roles.cache.size).to.equal(COMMUNITY_SIZES.roles + 1);
    expect(guild.roles.everyone.id).to.equal(source.id);
    expect(guild.emojis.cache.size).to.equal(COMMUNITY_SIZES.emojis);
    expect(guild.emojis.cache.filter((e) => e.animated).size).to.be.greaterThan(0);
    expect(guild.stickers.cache.size).to.equal(COMMUNITY_SIZES.stickers);
    expect(guild.scheduledEvents.cache.size).to.equal(COMMUNITY_SIZES.scheduledEvents);
    const [stage] = guild.stageInstances.cache.values();
    expect(stage?.channel?.type).to.equal(ChannelType.GuildStageVoice);
  });

  it("puts channels in categories with their overwrites, and active threads under text channels", () => {
    const count = (type: ChannelType) => guild.channels.cache.filter((c) => c.type === type).size;
    expect(count(ChannelType.GuildCategory)).to.equal(COMMUNITY_SIZES.categories);
    expect(count(ChannelType.GuildText)).to.equal(COMMUNITY_SIZES.textChannels);
    expect(count(ChannelType.GuildVoice)).to.equal(COMMUNITY_SIZES.voiceChannels);
    expect(count(ChannelType.GuildStageVoice)).to.equal(COMMUNITY_SIZES.stageChannels);
    expect(count(ChannelType.PublicThread)).to.equal(COMMUNITY_SIZES.threads);
    const voice = guild.channels.cache.find((c) => c.type === ChannelType.GuildVoice);
    expect(voice?.parent?.type).to.equal(ChannelType.GuildCategory);
    expect(voice && "permissionOverwrites" in voice && voice.permissionOverwrites.cache.size).to.equal(2);
    const thread = guild.channels.cache.find((c) => c.isThread());
    expect(thread?.isThread() && thread.parent?.type).to.equal(ChannelType.GuildText);
  });

  it("names members by nickname, then global name, then username, and flags bots", () => {
    const members = source.members.filter((m) => m.user.id !== FAKE_BOT_USER.id);
    const nicked = members.find((m) => m.nick);
    const plain = members.find((m) => !m.nick && !m.user.bot);
    const bot = members.find((m) => m.user.bot);
    expect(guild.members.cache.get(nicked?.user.id ?? "")?.displayName).to.equal(nicked?.nick);
    expect(guild.members.cache.get(plain?.user.id ?? "")?.displayName).to.equal(plain?.user.global_name);
    expect(guild.members.cache.get(bot?.user.id ?? "")?.user.bot).to.equal(true);
  });
});
