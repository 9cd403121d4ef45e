/** Discord closed the gateway with a code after which reconnecting cannot help; the process should exit. */
export class GatewayFatalError extends Error {
  override readonly name = "GatewayFatalError";
  readonly code = "GATEWAY_FATAL";
  /** The gateway close code, such as 4004 (bad token) or 4014 (disallowed intents). */
  readonly closeCode: number;
  /** Fatal closes in a row, this one included. */
  readonly attempt: number;
  /** How long the bot waited before reporting it. */
  readonly delayMs: number;

  constructor({ closeCode, attempt, delayMs }: { closeCode: number; attempt: number; delayMs: number }) {
    super(
      `Discord closed the gateway with fatal code ${closeCode} (fatal close ${attempt} in a row, waited ${delayMs} ms); fix the token/intents and restart`,
    );
    this.closeCode = closeCode;
    this.attempt = attempt;
    this.delayMs = delayMs;
  }
}
