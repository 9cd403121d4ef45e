/** A Discord webhook URL (any host spelling, any API version): its last segment is the webhook's secret token. */
const WEBHOOK_URL = /https?:\/\/[^\s"']*\/api\/(v\d+\/)?webhooks\/\d+\/[\w-]+/g;

/** Replaces webhook URLs and each given secret in a line of output with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text.replace(WEBHOOK_URL, "[redacted webhook URL]");
  for (const secret of secrets) {
    if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  }
  return out;
}
