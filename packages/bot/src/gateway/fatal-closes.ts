import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import type { FatalBackoff } from "./fatal-backoff.js";
import { GatewayFatalError } from "./gateway-fatal-error.js";

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
 * The bot's side of fatal gateway closes: it serves what is left of an earlier one's back-off before logging in,
 * turns the first new one into a GatewayFatalError once its back-off is over, and clears the count on a ready.
 */
export class FatalCloses {
  private reporting: Promise<void> | undefined;

  constructor(private readonly options: FatalClosesOptions) {}

  /**
   * Logs in once the back-off of an earlier process's fatal close (if any) is over. A fatal close during login
   * (disallowed intents) also rejects the login: its back-off is served before the rejection is passed on.
   */
  async login(login: () => Promise<unknown>): Promise<void> {
    const waitedMs = await this.options.backoff.waitOut();
    if (waitedMs > 0)
      this.options.logger.warn({ waitedMs }, "waited out the back-off of an earlier fatal gateway close");
    try {
      await login();
    } catch (error) {
      await this.reporting;
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
    const { backoff, logger } = this.options;
    const { attempt, delayMs, until } = await backoff.record();
    logger.fatal(
      { closeCode, attempt, delayMs, code: "GATEWAY_FATAL" },
      "fatal gateway close; waiting before exit so restarts do not spend the identify budget",
    );
    await backoff.waitUntil(until);
    this.options.onFatal?.(new GatewayFatalError({ closeCode, attempt, delayMs }));
  }
}
