export { Announcer, type AnnouncerOptions } from "./announcer.js";
export type { Batcher } from "./batcher.js";
export {
  type ChooseCredentialsInput,
  type CredentialsSource,
  chooseCredentials,
  type MaybeKeys,
} from "./bot-credentials.js";
export type { Classified, ToggleRules } from "./classify-voice-update.js";
export { classifyVoiceUpdate, diffSnapshots } from "./classify-voice-update.js";
export type { BotConfig, RulesConfig } from "./config.js";
export { inferRegion, parseConfig } from "./config.js";
export { ConfigError } from "./config-error.js";
export { Deliverer } from "./deliverer.js";
export { type DiscordFatalCode, DiscordFatalError, fatalAdvice } from "./discord-fatal-error.js";
export { DwellGate, type Schedule } from "./dwell-gate.js";
export {
  FATAL_BACKOFF_FILE,
  FATAL_BACKOFF_FIRST_MS,
  FATAL_BACKOFF_MAX_MS,
  FatalBackoff,
  type FatalBackoffState,
  fatalBackoffMs,
  type Sleep,
} from "./fatal-backoff.js";
export type { Health } from "./health-server.js";
export { JoinCooldowns } from "./join-cooldowns.js";
export { createLeanClient, type LeanClientOptions, trimmedCaches } from "./lean-client.js";
export { MemberDirectory, type MemberName, type RawMember } from "./member-directory.js";
export { Outbox } from "./outbox.js";
export { RuleGate } from "./rule-gate.js";
export { type RawGuildPayload, slimGuildPayload } from "./slim-guild-payload.js";
export type { StackCommand, StackOutputs } from "./stack-outputs.js";
export { readStackOutputs } from "./stack-outputs.js";
export type { Bot, StartOptions } from "./start.js";
export { FATAL_CLOSE_CODES, start } from "./start.js";
export type { VoiceSnapshot } from "./voice-snapshot.js";
export { toSnapshot } from "./voice-snapshot.js";
export {
  type LoadedSnapshot,
  MAX_SNAPSHOT_AGE_MS,
  SNAPSHOT_SAVE_DELAY_MS,
  SNAPSHOT_STAMP_FILE,
  VOICE_SNAPSHOT_DIR,
  VoiceSnapshotStore,
  type VoiceSnapshotStoreOptions,
} from "./voice-snapshot-store.js";
export type { SavedVoice, SavedVoiceMember } from "./voice-tracker.js";
