import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import type { FatalBackoff } from "./fatal-backoff.js";
import { type GatewayFatalCode, GatewayFatalError } from "./gateway-fatal-error.js";

/**
 * Close codes after which reconnecting cannot help: bad token, bad shard, sharding required, bad/disallowed intents,
 * bad API version (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes).
 */
export const FATAL_CLOSE_CODES: readonly number[] = [4004, 4010, 4011, 4012, 4013, 4014];

export interface FatalClosesOptions {
  /** The back-off between fatal closes in a row, kept on disk across restarts. */
  backoff: FatalBackoff;
  logger: Logger;
  /** Called once, after the back-off of the first fatal close has been waited out. */
  onFatal?: ((error: GatewayFatalError) => void) | undefined;
}

/**
 * The bot's side of Discord's fatal refusals: it serves what is left of an earlier one's back-off before logging in,
 * turns the first new fatal close (or a refused token at login) into a GatewayFatalError once its back-off is over,
 * and clears the count on a ready.
 */
export class FatalCloses {
  private reporting: Promise<void> | undefined;

  constructor(private readonly options: FatalClosesOptions) {}

  /**
   * Logs in once the back-off of an earlier process's fatal refusal (if any) is over. A fatal close during login
   * (disallowed intents) also rejects the login: its back-off is served before the rejection is passed on. A token
   * Discord refuses at GET /gateway/bot (401, before any socket) counts in the same back-off and becomes a
   * GatewayFatalError DISCORD_TOKEN_INVALID: exiting at once would only send another invalid request, and 10,000 of
   * those in 10 minutes get the IP banned (discord-api-docs, developers/topics/rate-limits.mdx, "Invalid Request Limit").
   */
  async login(login: () => Promise<unknown>): Promise<void> {
    const waitedMs = await this.options.backoff.waitOut();
    if (waitedMs > 0)
      this.options.logger.warn({ waitedMs }, "waited out the back-off of an earlier fatal gateway close");
    try {
      await login();
    } catch (error) {
      await this.reporting;
      // discord.js turns the 401 of GET /gateway/bot into its TokenInvalid error, before any socket
      // (discordjs/discord.js packages/discord.js/src/client/websocket/WebSocketManager.js, connect()).
      if ((error as { code?: unknown }).code === "TokenInvalid")
        throw await this.backOff("DISCORD_TOKEN_INVALID", undefined, error);
      throw error;
    }
  }

  /** A successful ready: the next fatal close starts again at the first wait. */
  ready(): void {
    this.options.backoff
      .reset()
      .catch((error: unknown) =>
        this.options.logger.warn({ err: errorMessage(error) }, "could not clear the fatal-close back-off"),
      );
  }

  /** A gateway close; only a fatal code starts the back-off. */
  closed(closeCode: number): void {
    if (FATAL_CLOSE_CODES.includes(closeCode)) this.reporting ??= this.backOffThenReport(closeCode);
  }

  /** Resolves once a fatal close seen so far has been reported; at once when there was none. */
  async reported(): Promise<void> {
    await this.reporting;
  }

  private async backOffThenReport(closeCode: number): Promise<void> {
    this.options.onFatal?.(await this.backOff("GATEWAY_FATAL", closeCode));
  }

  /** Counts a fatal refusal, logs it, waits its back-off, and returns the error naming the fix. */
  private async backOff(
    code: GatewayFatalCode,
    closeCode: number | undefined,
    cause?: unknown,
  ): Promise<GatewayFatalError> {
    const { backoff, logger } = this.options;
    const { attempt, delayMs, until } = await backoff.record();
    logger.fatal(
      { closeCode, attempt, delayMs, code },
      "Discord refused the bot; waiting before exit so restarts do not spend the identify budget",
    );
    await backoff.waitUntil(until);
    return new GatewayFatalError({ code, closeCode, attempt, delayMs, cause });
  }
}
