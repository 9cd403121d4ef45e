/** Options for {@link startFakeDiscordWebhook}; every field has a Discord-like default. */
export interface FakeWebhookOptions {
  /** 0 (the default) asks the OS for a free port. */
  port?: number;
  /** Defaults to 127.0.0.1 so the fake is never reachable from the network. */
  host?: string;
  webhookId?: string;
  /** Defaults to a random 68-character token in Discord's alphabet ([A-Za-z0-9_-]). */
  webhookToken?: string;
  /** The channel the webhook posts into; appears as `channel_id` in `?wait=true` answers. */
  channelId?: string;
  /** Threads (and forum posts) of that channel, id → name: what `?thread_id=` may name. @default none */
  threads?: Record<string, string>;
  /** Default: Discord's observed webhook bucket, 5 requests per 2000 ms. `false` turns it off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** Default: the per-channel write limit, 30 messages per 60 000 ms (code 20028, scope shared). `false` turns it off. */
  channelRateLimit?: { limit: number; windowMs: number } | false;
  /**
   * Default: Discord's invalid request limit, 10 000 answers of 401/403/429 per 10 minutes per IP, then a Cloudflare
   * ban (text/plain 429) for `banMs`. `false` turns it off.
   */
  invalidRequestLimit?: { limit: number; windowMs: number; banMs: number } | false;
  /** Injectable clock in epoch milliseconds, so tests can cross rate-limit windows without sleeping. */
  now?: () => number;
  /** Channel id -> name, used by `GET /_fake/channel` to render `<#id>`. */
  channelNames?: Record<string, string>;
  /** User id -> display name, used by `GET /_fake/channel` to render `<@id>`. */
  userNames?: Record<string, string>;
}

/** A message the fake accepted (2xx), in arrival order. */
export interface AcceptedMessage {
  /** Snowflake, strictly increasing in arrival order. */
  id: string;
  /** ISO-8601 time from the injected clock. */
  receivedAt: string;
  /** The parsed JSON body exactly as sent. */
  body: Record<string, unknown>;
  /** `flags` from the body, 0 when absent. */
  flags: number;
  userAgent: string | undefined;
  /** The thread it was posted into (`?thread_id=`); absent for the channel itself. */
  threadId?: string;
}

/** Every request the fake saw, accepted or not, with the webhook token replaced by `[token]`. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON when the body parsed, the raw text when it did not, undefined when empty. */
  body: unknown;
  /** 0 when a `{hang: true}` fault held the request without an answer. */
  status: number;
}

/**
 * A canned answer for the next webhook request, ahead of routing and validation: a status fault, or a hang.
 * Queued in-process with `injectFaults` or from outside with `POST /_fake/faults` and a JSON list.
 */
export type Fault = StatusFault | HangFault;

/** Never answers: the request stays open until the client gives up or the fake closes, like a stalled Discord. */
export interface HangFault {
  hang: true;
}

/**
 * `{status: 429}` answers like Discord's rate limiter (`retryAfterSeconds` defaults to 1); `noHeaders` drops
 * Retry-After and X-RateLimit-* but keeps the JSON; `cloudflare` answers as Cloudflare's ban does (text/plain,
 * Retry-After only).
 */
export interface StatusFault {
  status: number;
  /** Discord JSON error code; 404 defaults to 10015, others to 0. */
  code?: number;
  message?: string;
  retryAfterSeconds?: number;
  noHeaders?: boolean;
  global?: boolean;
  cloudflare?: boolean;
}

export interface FakeDiscordWebhook {
  /** The webhook on API v10, `<origin>/api/v10/webhooks/<id>/<token>`, as stepcord and discord.js call it. */
  webhookUrl: string;
  /**
   * The same webhook as Discord's "Copy Webhook URL" hands it out, unversioned: `<origin>/api/webhooks/<id>/<token>`,
   * which Discord (and this fake) serve as the deprecated default version, v6. These two are the only places the
   * token is exposed.
   */
  copiedWebhookUrl: string;
  messagesUrl: string;
  /** `GET` returns the channel rendered as plain text (see {@link renderChannel}). */
  channelUrl: string;
  /** `POST` a JSON list of faults (e.g. `[{"hang": true}]`) to queue them from outside the process; `DELETE` clears. */
  faultsUrl: string;
  messages(): AcceptedMessage[];
  requests(): RecordedRequest[];
  /** Queued; each fault answers exactly one later webhook request. */
  injectFaults(faults: Fault[]): void;
  close(): Promise<void>;
}

/** Names used when rendering mentions. */
export interface ChannelNames {
  channelNames?: Record<string, string>;
  userNames?: Record<string, string>;
}
