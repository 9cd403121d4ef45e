export type { FakeGatewayErrorCode } from "./fake-gateway-error.js";
export { FakeGatewayError } from "./fake-gateway-error.js";
export type { FakeChannel, FakeGuild, FakeMember, FakeUser, FakeVoiceState } from "./fake-guild.js";
export { guildCreatePayload, voiceStatePayload } from "./fake-guild.js";
export type { FakeDiscord, StartFakeDiscordOptions } from "./start-fake-discord.js";
export { startFakeDiscord } from "./start-fake-discord.js";
