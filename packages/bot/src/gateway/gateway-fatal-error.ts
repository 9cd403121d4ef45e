/**
 * Why Discord will not let the bot in: a gateway close code after which reconnecting cannot help (GATEWAY_FATAL), or
 * a token refused over REST before any socket (DISCORD_TOKEN_INVALID).
 */
export type GatewayFatalCode = "GATEWAY_FATAL" | "DISCORD_TOKEN_INVALID";

const PORTAL_BOT_PAGE = "Discord Developer Portal → your application → Bot";

/**
 * What to do about each refusal, in the words of discord-api-docs (developers/topics/opcodes-and-status-codes.mdx,
 * "Gateway Close Event Codes"; developers/events/gateway.mdx, "Privileged Intents" and "Sharding"). Undefined is the
 * 401 of GET /gateway/bot.
 */
export function fatalAdvice(closeCode: number | undefined): string {
  switch (closeCode) {
    case undefined:
    case 4004:
      return `set DISCORD_TOKEN to the bot's current token (${PORTAL_BOT_PAGE} → Reset Token), then restart`;
    case 4013:
      return "the bot sent an intents value Discord does not define (4013 Invalid intent(s)); this is a bug in the bot";
    case 4014:
      return `enable the privileged intents the bot asks for under ${PORTAL_BOT_PAGE} → Privileged Gateway Intents (4014 Disallowed intent(s)), then restart`;
    case 4010:
      return "the shard id or count is invalid (4010 Invalid shard); check SHARD_COUNT and SHARD_IDS";
    case 4011:
      return "a shard would hold more than 2,500 guilds (4011 Sharding required); raise SHARD_COUNT (about 1,000 guilds a shard) and restart";
    case 4012:
      return "Discord refused the gateway API version (4012); upgrade discord.js";
    default:
      return `Discord closed the gateway with ${closeCode}; check the token and intents in the ${PORTAL_BOT_PAGE} page`;
  }
}

export interface GatewayFatalErrorFields {
  code: GatewayFatalCode;
  /** The gateway close code; absent for a token refused over REST (401). */
  closeCode?: number | undefined;
  attempt: number;
  delayMs: number;
  cause?: unknown;
}

/**
 * Discord refused the bot for good; reported (onFatal) or thrown (start) once the fatal back-off has been waited out,
 * so the process can exit without a restart loop spending Discord's identify budget.
 */
export class GatewayFatalError extends Error {
  override readonly name = "GatewayFatalError";
  readonly code: GatewayFatalCode;
  /** The gateway close code, such as 4004 (bad token) or 4014 (disallowed intents); undefined for a 401 over REST. */
  readonly closeCode: number | undefined;
  /** Fatal refusals in a row, across restarts, this one included. */
  readonly attempt: number;
  /** How long the bot waited before reporting it. */
  readonly delayMs: number;

  constructor(fields: GatewayFatalErrorFields) {
    const what =
      fields.code === "DISCORD_TOKEN_INVALID"
        ? "Discord refused the bot token (401 at GET /gateway/bot)"
        : `Discord closed the gateway with fatal code ${fields.closeCode}`;
    super(
      `${what} (fatal refusal ${fields.attempt} in a row, waited ${fields.delayMs} ms); fix the token/intents and restart: ${fatalAdvice(fields.closeCode)}`,
      { cause: fields.cause },
    );
    this.code = fields.code;
    this.closeCode = fields.closeCode;
    this.attempt = fields.attempt;
    this.delayMs = fields.delayMs;
  }
}
