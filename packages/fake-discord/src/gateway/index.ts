export type { DispatchedInteraction, FakeInteractions } from "../interactions/interaction-desk.js";
export type { CommunitySizes } from "./community-guild.js";
export { COMMUNITY_SIZES, communityGuild } from "./community-guild.js";
export type { FakeGatewayErrorCode } from "./fake-gateway-error.js";
export { FakeGatewayError } from "./fake-gateway-error.js";
export type { FakeChannel, FakeGuild, FakeMember, FakeUser, FakeVoiceState } from "./fake-guild.js";
export {
  FAKE_BOT_USER,
  guildCreatePayload,
  LARGE_THRESHOLD,
  memberPayload,
  voiceStatePayload,
} from "./fake-guild.js";
export type { CloseCode, PrivilegedIntent } from "./gateway-protocol.js";
export {
  Close,
  GUILD_MEMBER_FLAG_IS_GUEST,
  Intent,
  MAX_GUILDS_PER_SHARD,
  shardOf,
} from "./gateway-protocol.js";
export type {
  FakeEmoji,
  FakePermissionOverwrite,
  FakeRole,
  FakeScheduledEvent,
  FakeStageInstance,
  FakeSticker,
  FakeThread,
  GuildExtras,
} from "./guild-extras.js";
export type { FakeDiscord, SessionStartLimit, StartFakeDiscordOptions } from "./start-fake-discord.js";
export { startFakeDiscord } from "./start-fake-discord.js";
