/** One entry of Discord's `_errors` arrays, e.g. `{code: "BASE_TYPE_MAX_LENGTH", message: "Must be 2000 or fewer in length."}`. */
export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested error tree: keys follow the body path (array indexes as strings), leaves hold `_errors`. */
export interface ErrorTree {
  [key: string]: ErrorTree | FieldError[];
}

export interface DiscordErrorBody {
  message: string;
  code: number;
  errors?: ErrorTree;
}

/**
 * A Discord REST error: the HTTP status plus the exact JSON body Discord sends.
 * Thrown inside the request pipeline and turned into a response in one place.
 */
export class DiscordApiError extends Error {
  readonly status: number;
  readonly body: DiscordErrorBody;

  constructor(status: number, body: DiscordErrorBody) {
    super(`${status} ${body.code}: ${body.message}`);
    this.name = "DiscordApiError";
    this.status = status;
    this.body = body;
  }
}

export const unknownWebhook = (): DiscordApiError =>
  new DiscordApiError(404, { message: "Unknown Webhook", code: 10015 });

// Discord separates a wrong token for an existing webhook (401) from an unknown webhook id (404).
export const invalidWebhookToken = (): DiscordApiError =>
  new DiscordApiError(401, { message: "Invalid Webhook Token", code: 50027 });

export const methodNotAllowed = (): DiscordApiError =>
  new DiscordApiError(405, { message: "405: Method Not Allowed", code: 0 });

// developers/reference.mdx ("API Versioning") documents only the status for a discontinued version; the body is
// Discord's generic one for that status.
export const discontinuedVersion = (): DiscordApiError =>
  new DiscordApiError(400, { message: "400: Bad Request", code: 0 });

// opcodes-and-status-codes.mdx: JSON error 10003 "Unknown channel"; 404 "The resource at the location specified
// doesn't exist". Discord's body capitalises the message ("Unknown Channel") as it does "Unknown Webhook".
export const unknownChannel = (): DiscordApiError =>
  new DiscordApiError(404, { message: "Unknown Channel", code: 10003 });

export const notFound = (): DiscordApiError =>
  new DiscordApiError(404, { message: "404: Not Found", code: 0 });

export const invalidJson = (): DiscordApiError =>
  new DiscordApiError(400, { message: "The request body contains invalid JSON.", code: 50109 });

// opcodes-and-status-codes.mdx: 50035 is "Invalid form body ..., or invalid Content-Type provided"; 50109 is only for
// a body that does not parse as JSON.
export const invalidContentType = (): DiscordApiError =>
  new DiscordApiError(400, { message: "Invalid Form Body", code: 50035 });

export const emptyMessage = (): DiscordApiError =>
  new DiscordApiError(400, { message: "Cannot send an empty message", code: 50006 });

export const invalidFormBody = (errors: ErrorTree): DiscordApiError =>
  new DiscordApiError(400, { message: "Invalid Form Body", code: 50035, errors });

// The interaction rules below: opcodes-and-status-codes.mdx, "JSON Error Codes", for the codes and messages; the
// statuses are the ones Discord answers with, as quoted in the reports cited beside each.

/** 404 10062: unknown id or token, or the 3 s deadline missed (discordjs/discord.js#9107 quotes the 404 and body). */
export const unknownInteraction = (): DiscordApiError =>
  new DiscordApiError(404, { message: "Unknown interaction", code: 10062 });

/** 400 40060, with Discord's trailing full stop (Rage-Gaming/Discord-Form-Bot#12 quotes the 400 and body). */
export const alreadyAcknowledged = (): DiscordApiError =>
  new DiscordApiError(400, { message: "Interaction has already been acknowledged.", code: 40060 });

/** 400 30032: more than 100 commands of one type in a scope (application-commands.mdx, "Registering a Command"). */
export const tooManyCommands = (): DiscordApiError =>
  new DiscordApiError(400, { message: "Maximum number of application commands reached", code: 30032 });

/** 403 50001: a bot token calling another application's commands. The status is the fake's choice. */
export const missingAccess = (): DiscordApiError =>
  new DiscordApiError(403, { message: "Missing Access", code: 50001 });
