import { InvalidWebhookUrlError } from "./invalid-webhook-url-error.js";

/** Hosts Discord serves webhooks from; `ptb.` and `canary.` are the test clients' copies of the same API. */
const DISCORD_HOSTS = new Set(["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"]);
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{15,20})\/([A-Za-z0-9_-]{60,100})\/?$/;

/**
 * The Discord API version stepcord calls. An unversioned `/api/…` route is served by the default version, which is
 * v6, deprecated (and discontinued versions answer 400 Bad Request); on v6 and v7 `retry_after` and `Retry-After` are
 * milliseconds, from v8 on seconds. Sources: discord/discord-api-docs, developers/reference.mdx ("API Versioning")
 * and developers/change-log.mdx ("API and Gateway V8", September 24, 2020).
 */
export const DISCORD_API_VERSION = 10;

export interface DiscordWebhook {
  /** The webhook's id (a snowflake); safe to log. */
  id: string;
  /** The webhook's token; a secret, never logged. */
  token: string;
  /**
   * The canonical URL, `https://discord.com/api/v10/webhooks/<id>/<token>`, whatever version (or none) the pasted URL
   * named: Discord hands out unversioned URLs, which it would serve as deprecated v6.
   */
  url: string;
}

export interface ParseWebhookUrlOptions {
  /**
   * Accept `http://127.0.0.1:<port>` and `http://localhost:<port>` hosts: the local stack's fake Discord.
   * @default false
   */
  allowLoopback?: boolean;
}

/** Checks that a string is a Discord webhook URL and splits it into id and token. */
export function parseDiscordWebhookUrl(value: unknown, options: ParseWebhookUrlOptions = {}): DiscordWebhook {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidWebhookUrlError("it is empty");
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidWebhookUrlError("it is not a URL");
  }
  const loopback = options.allowLoopback === true && isLoopback(url);
  if (!loopback) {
    if (url.protocol !== "https:") throw new InvalidWebhookUrlError("it must start with https://");
    if (!DISCORD_HOSTS.has(url.hostname)) {
      throw new InvalidWebhookUrlError(`its host ${url.hostname} is not discord.com`);
    }
  }
  if (url.search !== "" || url.hash !== "") {
    throw new InvalidWebhookUrlError(
      "it must not carry a query or fragment (stepcord adds ?wait=true itself)",
    );
  }
  const match = WEBHOOK_PATH.exec(url.pathname);
  if (!match) throw new InvalidWebhookUrlError("its path is not /api/webhooks/<id>/<token>");
  const [, id, token] = match as unknown as [string, string, string];
  const origin = loopback ? url.origin : "https://discord.com";
  return { id, token, url: `${origin}/api/v${DISCORD_API_VERSION}/webhooks/${id}/${token}` };
}

function isLoopback(url: URL): boolean {
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}

/** The URL with the token replaced, for logs and error messages. */
export function redactWebhookUrl(webhook: DiscordWebhook): string {
  return webhook.url.replace(webhook.token, "[redacted]");
}
