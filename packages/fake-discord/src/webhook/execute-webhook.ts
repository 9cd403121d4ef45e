import {
  DiscordApiError,
  invalidContentType,
  invalidFormBody,
  invalidJson,
  unknownChannel,
} from "./discord-error.js";
import { FormErrors, notBoolean, notSnowflake } from "./form-errors.js";
import type { Reply } from "./http-io.js";
import { toMessageObject } from "./message-object.js";
import { type ChannelWriteLimiter, channelWriteLimitedReply } from "./rate-limit-buckets.js";
import type { WebhookRateLimiter } from "./rate-limiter.js";
import type { SnowflakeGenerator } from "./snowflake.js";
import type { AcceptedMessage } from "./types.js";
import { validateWebhookMessage } from "./validate-message.js";

export interface ExecuteContext {
  webhookId: string;
  channelId: string;
  /** The threads of the webhook's channel (thread id → name); `thread_id` must name one of them. */
  threadIds: ReadonlySet<string>;
  limiter: WebhookRateLimiter | undefined;
  channelLimiter: ChannelWriteLimiter | undefined;
  snowflakes: SnowflakeGenerator;
  now: () => number;
  accept: (message: AcceptedMessage) => void;
}

export interface ExecuteRequest {
  contentType: string | undefined;
  rawBody: string;
  query: URLSearchParams;
  userAgent: string | undefined;
}

// discord/discord-api-docs developers/reference.mdx, "Boolean Query Strings": "Discord represents such cases using
// True, true, or 1 for true and False, false or 0 for false". Nothing else is a boolean.
const TRUE_VALUES = new Set(["True", "true", "1"]);
const FALSE_VALUES = new Set(["False", "false", "0"]);

/** `?wait`, false when absent (webhook.mdx: "defaults to false"); any other spelling is a form error. */
function parseWait(query: URLSearchParams): boolean {
  const value = query.get("wait");
  if (value === null || FALSE_VALUES.has(value)) return false;
  if (TRUE_VALUES.has(value)) return true;
  const errors = new FormErrors();
  errors.add(["wait"], notBoolean(value));
  throw invalidFormBody(errors.toTree());
}

/**
 * `?thread_id`: webhook.mdx, Execute Webhook, "Send a message to the specified thread within a webhook's channel".
 * A thread elsewhere (or none) is an unknown channel to this webhook; the docs name no error for it, so the fake
 * answers as for any channel id that does not resolve (a documented difference, docs/local-stack.md).
 */
function parseThread(query: URLSearchParams, threadIds: ReadonlySet<string>): string | undefined {
  const value = query.get("thread_id");
  if (value === null) return undefined;
  if (!/^\d{1,20}$/.test(value)) {
    const errors = new FormErrors();
    errors.add(["thread_id"], notSnowflake(value));
    throw invalidFormBody(errors.toTree());
  }
  if (!threadIds.has(value)) throw unknownChannel();
  return value;
}

const isJsonMediaType = (contentType: string | undefined): boolean =>
  contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";

function parseObject(contentType: string | undefined, raw: string): Record<string, unknown> {
  // Discord answers any other content type 50035 (opcodes-and-status-codes.mdx). Multipart bodies are valid on
  // Discord but not modelled here, so the fake refuses them the same way (a documented difference).
  if (!isJsonMediaType(contentType)) throw invalidContentType();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidJson();
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalidJson();
  return parsed as Record<string, unknown>;
}

/**
 * POST /webhooks/{id}/{token} once id and token are known to match: rate limit first (Discord's
 * limiter sits in front of validation, so rejected bodies still spend the bucket), then parse,
 * validate, record, and answer 204 or, with `?wait=true`, 200 and the message object.
 */
export function executeWebhook(ctx: ExecuteContext, req: ExecuteRequest): Reply {
  let headers: Record<string, string> = {};
  if (ctx.limiter !== undefined) {
    const decision = ctx.limiter.take(ctx.webhookId);
    headers = decision.headers;
    if (!decision.allowed) {
      return {
        status: 429,
        headers,
        body: {
          message: "You are being rate limited.",
          retry_after: decision.retryAfterSeconds,
          global: false,
        },
      };
    }
  }
  // The channel's write limit is checked once the webhook's own bucket let the request through (issue 4043: the
  // webhook bucket still shows remaining requests when the channel answers 429).
  let threadId: string | undefined;
  try {
    threadId = parseThread(req.query, ctx.threadIds);
  } catch (error) {
    if (error instanceof DiscordApiError) return { status: error.status, headers, body: error.body };
    throw error;
  }
  // A thread is a channel of its own, with its own write limit.
  const channelId = threadId ?? ctx.channelId;
  if (ctx.channelLimiter !== undefined) {
    const write = ctx.channelLimiter.take(channelId);
    if (!write.allowed) return channelWriteLimitedReply(write.retryAfterMs, headers);
  }
  try {
    const wait = parseWait(req.query);
    const body = parseObject(req.contentType, req.rawBody);
    validateWebhookMessage(body);
    const nowMs = ctx.now();
    const id = ctx.snowflakes.next();
    const receivedAt = new Date(nowMs).toISOString();
    const flags = typeof body.flags === "number" ? body.flags : 0;
    ctx.accept({
      id,
      receivedAt,
      body,
      flags,
      userAgent: req.userAgent,
      ...(threadId === undefined ? {} : { threadId }),
    });
    if (!wait) return { status: 204, headers };
    const message = toMessageObject(body, {
      id,
      createdAt: nowMs,
      channelId,
      webhookId: ctx.webhookId,
    });
    return { status: 200, headers, body: message };
  } catch (error) {
    if (error instanceof DiscordApiError) return { status: error.status, headers, body: error.body };
    throw error;
  }
}
