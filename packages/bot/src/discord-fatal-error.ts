/** Why Discord will not let the bot in: a refused token, or a gateway close code after which reconnecting cannot help. */
export type DiscordFatalCode = "DISCORD_TOKEN_INVALID" | "GATEWAY_FATAL";

const PORTAL_BOT_PAGE = "Discord Developer Portal → your application → Bot";

/**
 * What to do about each refusal, in the words of discord-api-docs (developers/topics/opcodes-and-status-codes.mdx,
 * "Gateway Close Event Codes"; developers/events/gateway.mdx, "Privileged Intents" and "Sharding").
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
      return "the shard id or count is invalid (4010 Invalid shard); check the bot's shard settings";
    case 4011:
      return "the bot is in too many guilds for one shard (4011 Sharding required: at most 2,500 per shard); run it sharded";
    case 4012:
      return "Discord refused the gateway API version (4012); upgrade discord.js";
    default:
      return `Discord closed the gateway with ${closeCode}; check the token and intents in the ${PORTAL_BOT_PAGE} page`;
  }
}

/** Discord refused the bot for good; thrown or reported once the fatal back-off has been waited out. */
export class DiscordFatalError extends Error {
  readonly code: DiscordFatalCode;
  /** The gateway close code; undefined for a token refused over REST (401). */
  readonly closeCode: number | undefined;
  /** Fatal refusals in a row, across restarts. */
  readonly attempt: number;
  /** The back-off waited before this error, ms. */
  readonly delayMs: number;

  constructor(fields: {
    code: DiscordFatalCode;
    closeCode?: number;
    attempt: number;
    delayMs: number;
    cause?: unknown;
  }) {
    const what =
      fields.code === "DISCORD_TOKEN_INVALID"
        ? "Discord refused the bot token (401 at GET /gateway/bot)"
        : `Discord closed the gateway with fatal code ${fields.closeCode}`;
    super(
      `${what} (fatal refusal ${fields.attempt} in a row, waited ${fields.delayMs} ms): ${fatalAdvice(fields.closeCode)}`,
      { cause: fields.cause },
    );
    this.name = "DiscordFatalError";
    this.code = fields.code;
    this.closeCode = fields.closeCode;
    this.attempt = fields.attempt;
    this.delayMs = fields.delayMs;
  }
}
