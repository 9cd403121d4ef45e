import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { apiVersion, inVersionUnits } from "./api-version.js";
import { cloudflareBanReply } from "./cloudflare-ban.js";
import {
  DiscordApiError,
  discontinuedVersion,
  invalidWebhookToken,
  methodNotAllowed,
  notFound,
  unknownWebhook,
} from "./discord-error.js";
import { type ExecuteContext, executeWebhook } from "./execute-webhook.js";
import { FaultListError, parseFaultList } from "./fault-injection.js";
import { faultReply } from "./fault-reply.js";
import { BodyTooLargeError, flatHeaders, type Reply, readBody, writeReply } from "./http-io.js";
import { DISCORD_INVALID_REQUEST_LIMIT, InvalidRequestCounter } from "./invalid-request-counter.js";
import { ChannelWriteLimiter, DISCORD_CHANNEL_WRITE_LIMIT } from "./rate-limit-buckets.js";
import { DISCORD_WEBHOOK_RATE_LIMIT, WebhookRateLimiter } from "./rate-limiter.js";
import { renderChannel } from "./render-channel.js";
import { SnowflakeGenerator } from "./snowflake.js";
import type {
  AcceptedMessage,
  FakeDiscordWebhook,
  FakeWebhookOptions,
  Fault,
  RecordedRequest,
} from "./types.js";
import {
  DEFAULT_CHANNEL_ID,
  DEFAULT_WEBHOOK_ID,
  generateWebhookToken,
  redactToken,
} from "./webhook-token.js";

// Discord serves the same routes unversioned (as its default version, v6) and under /api/v{n} (see api-version.ts);
// clients such as discord.js use /api/v10.
const WEBHOOK_ROUTE = /^\/api(?:\/v(\d+))?\/webhooks\/([^/]+)\/([^/]+)\/?$/;
const MESSAGES_PATH = "/_fake/messages";
const CHANNEL_PATH = "/_fake/channel";
const FAULTS_PATH = "/_fake/faults";

/** What the pipeline does with a request: answer it, or (a `{hang: true}` fault) leave it open. */
type Outcome = Reply | "hang";

const parseJsonOrText = (raw: string): unknown => {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
};

/**
 * Starts a local stand-in for one Discord webhook: Execute Webhook with Discord's validation,
 * error bodies and per-webhook rate limit, plus `/_fake/*` routes to inspect what was accepted.
 */
export async function startFakeDiscordWebhook(options: FakeWebhookOptions = {}): Promise<FakeDiscordWebhook> {
  const host = options.host ?? "127.0.0.1";
  const webhookId = options.webhookId ?? DEFAULT_WEBHOOK_ID;
  const webhookToken = options.webhookToken ?? generateWebhookToken();
  const now = options.now ?? Date.now;
  const rateLimit = options.rateLimit === undefined ? DISCORD_WEBHOOK_RATE_LIMIT : options.rateLimit;
  const channelRateLimit =
    options.channelRateLimit === undefined ? DISCORD_CHANNEL_WRITE_LIMIT : options.channelRateLimit;
  const invalidRequestLimit =
    options.invalidRequestLimit === undefined ? DISCORD_INVALID_REQUEST_LIMIT : options.invalidRequestLimit;
  const invalidRequests =
    invalidRequestLimit === false ? undefined : new InvalidRequestCounter(invalidRequestLimit, now);
  const names = {
    ...(options.channelNames !== undefined ? { channelNames: options.channelNames } : {}),
    ...(options.userNames !== undefined ? { userNames: options.userNames } : {}),
  };

  let accepted: AcceptedMessage[] = [];
  const recorded: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const execute: ExecuteContext = {
    webhookId,
    channelId: options.channelId ?? DEFAULT_CHANNEL_ID,
    threadIds: new Set(Object.keys(options.threads ?? {})),
    limiter: rateLimit === false ? undefined : new WebhookRateLimiter(rateLimit, now),
    channelLimiter: channelRateLimit === false ? undefined : new ChannelWriteLimiter(channelRateLimit, now),
    snowflakes: new SnowflakeGenerator(now),
    now,
    accept: (message) => accepted.push(message),
  };

  const route = (req: IncomingMessage, url: URL, rawBody: string): Outcome => {
    const method = req.method ?? "GET";
    if (url.pathname === FAULTS_PATH) {
      if (method === "POST") {
        try {
          faults.push(...parseFaultList(rawBody));
        } catch (error) {
          if (error instanceof FaultListError)
            return { status: 400, headers: {}, body: { message: error.message } };
          throw error;
        }
        return { status: 204, headers: {} };
      }
      if (method === "DELETE") {
        faults.length = 0;
        return { status: 204, headers: {} };
      }
      throw methodNotAllowed();
    }
    if (url.pathname === MESSAGES_PATH) {
      if (method === "GET") return { status: 200, headers: {}, body: structuredClone(accepted) };
      if (method === "DELETE") {
        accepted = [];
        return { status: 204, headers: {} };
      }
      throw methodNotAllowed();
    }
    if (url.pathname === CHANNEL_PATH) {
      if (method !== "GET") throw methodNotAllowed();
      return {
        status: 200,
        headers: { "content-type": "text/plain; charset=utf-8" },
        body: renderChannel(accepted, names),
      };
    }
    const match = WEBHOOK_ROUTE.exec(url.pathname);
    if (match === null) throw notFound();
    const version = apiVersion(match[1]);
    if (!version.served) throw version.reason === "discontinued" ? discontinuedVersion() : notFound();
    const outcome = webhookRoute(req, url, rawBody, match[2], match[3]);
    return outcome === "hang" ? outcome : inVersionUnits(outcome, version.version);
  };

  const webhookRoute = (
    req: IncomingMessage,
    url: URL,
    rawBody: string,
    id: string | undefined,
    token: string | undefined,
  ): Outcome => {
    const method = req.method ?? "GET";
    // Faults stand in for anything Discord or its edge might answer, so they pre-empt every check.
    const fault = faults.shift();
    if (fault !== undefined) return "hang" in fault ? "hang" : faultReply(fault, now());
    if (id !== webhookId) throw unknownWebhook();
    if (token !== webhookToken) throw invalidWebhookToken();
    if (method !== "POST") throw methodNotAllowed();
    return executeWebhook(execute, {
      contentType: req.headers["content-type"],
      rawBody,
      query: url.searchParams,
      userAgent: req.headers["user-agent"],
    });
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake-discord.invalid");
      const isDiscordRoute = !url.pathname.startsWith("/_fake/");
      const ip = req.socket.remoteAddress ?? "unknown";
      let rawBody = "";
      let reply: Outcome;
      try {
        rawBody = await readBody(req);
        // A banned IP never reaches Discord: Cloudflare answers, and that answer is not counted again.
        const banMs = isDiscordRoute ? (invalidRequests?.banRemainingMs(ip) ?? 0) : 0;
        if (banMs > 0) reply = cloudflareBanReply(banMs / 1000);
        else {
          reply = route(req, url, rawBody);
          if (isDiscordRoute && reply !== "hang") invalidRequests?.record(ip, reply.status, reply.headers);
        }
      } catch (error) {
        if (error instanceof DiscordApiError) reply = { status: error.status, headers: {}, body: error.body };
        else if (error instanceof BodyTooLargeError)
          reply = { status: 413, headers: {}, body: { message: "Request entity too large", code: 40005 } };
        else reply = { status: 500, headers: {}, body: { message: "500: Internal Server Error", code: 0 } };
        if (isDiscordRoute) invalidRequests?.record(ip, reply.status, reply.headers);
      }
      // Inspection routes are the test's own traffic, not Discord's, so they stay out of requests().
      if (isDiscordRoute)
        recorded.push({
          method: req.method ?? "GET",
          path: redactToken(url.pathname, webhookToken),
          query: Object.fromEntries(url.searchParams),
          headers: flatHeaders(req),
          body: parseJsonOrText(rawBody),
          status: reply === "hang" ? 0 : reply.status,
        });
      if (reply !== "hang") writeReply(res, reply);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  return {
    webhookUrl: `${origin}/api/v10/webhooks/${webhookId}/${webhookToken}`,
    copiedWebhookUrl: `${origin}/api/webhooks/${webhookId}/${webhookToken}`,
    messagesUrl: `${origin}${MESSAGES_PATH}`,
    channelUrl: `${origin}${CHANNEL_PATH}`,
    faultsUrl: `${origin}${FAULTS_PATH}`,
    messages: () => structuredClone(accepted),
    requests: () => structuredClone(recorded),
    injectFaults: (more) => {
      faults.push(...more.map((fault) => ({ ...fault })));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive sockets would otherwise hold close() open until the client lets go.
        server.closeAllConnections();
      }),
  };
}
