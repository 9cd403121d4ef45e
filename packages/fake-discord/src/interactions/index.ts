export {
  applicationCommandListErrors,
  commandCharacters,
  DISCORD_LOCALES,
  MAX_CHAT_INPUT_COMMANDS,
  MAX_COMMAND_CHARACTERS,
  MAX_OPTIONS,
} from "./application-command-rules.js";
export type { CommandScope, StoredCommand } from "./application-command-store.js";
export { ApplicationCommandStore, GLOBAL_SCOPE } from "./application-command-store.js";
export type { InteractionMessage, IssuedInteraction } from "./interaction-ledger.js";
export {
  INITIAL_RESPONSE_DEADLINE_MS,
  INTERACTION_TOKEN_LIFETIME_MS,
  InteractionLedger,
} from "./interaction-ledger.js";
export { CallbackType, EPHEMERAL } from "./interaction-response-rules.js";
export type {
  ScriptedInteraction,
  ScriptedInteractionRefusal,
  ScriptedOption,
} from "./scripted-interaction.js";
export {
  interactionCreatePayload,
  interactionToken,
  memberMaySee,
  ScriptedInteractionError,
} from "./scripted-interaction.js";
