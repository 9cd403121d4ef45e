/**
 * Thrown when `stepcord:discordWebhookUrl` is not a Discord webhook URL. The message never repeats the value:
 * a webhook URL carries its token, and errors end up in CI logs.
 */
export class InvalidWebhookUrlError extends Error {
  override readonly name = "InvalidWebhookUrlError";
  readonly code = "STEPCORD_INVALID_WEBHOOK_URL";
  readonly problem: string;

  constructor(problem: string) {
    super(
      `The Discord webhook URL is not usable: ${problem}. Copy it from Discord (Server Settings > Integrations > ` +
        "Webhooks > Copy Webhook URL) and set it with `pulumi config set --secret stepcord:discordWebhookUrl`; " +
        "it looks like https://discord.com/api/webhooks/<id>/<token>.",
    );
    this.problem = problem;
  }
}
