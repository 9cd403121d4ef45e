export type SettingsCommandErrorCode =
  | "MALFORMED_INTERACTION"
  | "NOT_IN_GUILD"
  | "MISSING_PERMISSION"
  | "UNKNOWN_COMMAND"
  | "INVALID_DURATION"
  | "INVALID_CLOCK_TIME"
  | "INVALID_TIME_ZONE"
  | "INVALID_MIN_MEMBERS"
  | "INVALID_EVENT_KINDS"
  | "INVALID_CHANNEL";

/**
 * A `/stepcord` interaction that changes nothing. `message` is for logs; `userMessage` is the ephemeral answer,
 * saying what is allowed, with any text the member typed already escaped (escapeUserText).
 */
export class SettingsCommandError extends Error {
  override readonly name = "SettingsCommandError" as const;
  readonly code: SettingsCommandErrorCode;
  readonly userMessage: string;

  constructor(code: SettingsCommandErrorCode, userMessage: string, detail?: string) {
    super(`/stepcord refused (${code}): ${detail ?? userMessage}`);
    this.code = code;
    this.userMessage = userMessage;
  }
}
