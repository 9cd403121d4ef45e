/** Why a `SettingsCall` got no answer the bot can use. */
export type SettingsCallErrorCode =
  /** No settings URL: EVENTS_ENDPOINT does not end in /events and SETTINGS_ENDPOINT is not set. */
  | "SETTINGS_NOT_CONFIGURED"
  /** The request never got an HTTP answer (refused, reset, timed out). */
  | "SETTINGS_UNREACHABLE"
  /** 401/403: the bot identity may not call `POST /settings`. */
  | "SETTINGS_FORBIDDEN"
  /** 404: the API has no settings route (a stack deployed before issue 15). */
  | "SETTINGS_NOT_DEPLOYED"
  /** Any other status, or an execution that did not succeed. */
  | "SETTINGS_FAILED"
  /** A 200 whose body is not StartSyncExecution's answer carrying a SettingsAnswer. */
  | "SETTINGS_BAD_ANSWER";

const FIXES: Record<SettingsCallErrorCode, string> = {
  SETTINGS_NOT_CONFIGURED:
    "set SETTINGS_ENDPOINT to the events API's /settings URL, or EVENTS_ENDPOINT to its /events URL so the bot can derive it",
  SETTINGS_UNREACHABLE:
    "check that the events API is up and reachable from the bot (the local stack: pnpm local), and SETTINGS_ENDPOINT or EVENTS_ENDPOINT",
  SETTINGS_FORBIDDEN:
    "pulumi up the infra stack from this version (the bot identity's grant gains POST /settings), or check the bot's AWS credentials and AWS_REGION",
  SETTINGS_NOT_DEPLOYED:
    "pulumi up the infra stack from this version: its events API gains the POST /settings route",
  SETTINGS_FAILED:
    "read the settings workflow's failed execution in the Step Functions console (or the local stack's log); the admin can run the command again",
  SETTINGS_BAD_ANSWER:
    "deploy the bot and the infra stack from the same version (they disagree on the settings contract)",
};

/** A settings call that failed; `message` names the URL, the guild and the fix, never a token. */
export class SettingsCallError extends Error {
  override readonly name = "SettingsCallError" as const;
  readonly fix: string;

  constructor(
    readonly code: SettingsCallErrorCode,
    readonly url: string | undefined,
    readonly guildId: string,
    detail: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(
      `Cannot POST ${url ?? "(no settings URL)"} for guild ${guildId}: ${detail}. Fix: ${FIXES[code]}`,
      options,
    );
    this.fix = FIXES[code];
  }

  /** Whether the admin can just try again (a passing fault) rather than ask whoever runs the bot. */
  get passing(): boolean {
    return this.code === "SETTINGS_UNREACHABLE" || this.code === "SETTINGS_FAILED";
  }
}
