import { Snowflake } from "@stepcord/events";
import { z } from "zod";
import { InvalidWebhookUrlError } from "../discord/invalid-webhook-url-error.js";
import {
  type DiscordWebhook,
  type ParseWebhookUrlOptions,
  parseDiscordWebhookUrl,
} from "../discord/webhook-url.js";
import { ServerRules } from "./server-rules.js";

/**
 * A webhook URL checked and split into id and token. A problem is reported in `InvalidWebhookUrlError`'s words,
 * which never repeat the value: the URL carries the webhook's token.
 */
function webhookUrl(options: ParseWebhookUrlOptions) {
  return z.string().transform((value, ctx): DiscordWebhook => {
    try {
      return parseDiscordWebhookUrl(value, options);
    } catch (error) {
      if (!(error instanceof InvalidWebhookUrlError)) throw error;
      ctx.addIssue({ code: "custom", message: `not a Discord webhook URL: ${error.problem}` });
      return z.NEVER;
    }
  });
}

function channelTarget(options: ParseWebhookUrlOptions) {
  return z
    .strictObject({
      /** Another webhook (a secret); left out = the server's webhook. */
      webhookUrl: webhookUrl(options).optional(),
      /** A thread (or forum post) of the webhook's channel; left out = the server's thread, if any. */
      threadId: Snowflake.optional(),
    })
    .refine((target) => target.webhookUrl !== undefined || target.threadId !== undefined, {
      message: "needs a webhookUrl or a threadId (an empty override changes nothing; remove it)",
    });
}

/** Zod reports a bad record key as "Invalid key in record"; say what the key must be and where to find it. */
function notAnId(what: "server" | "voice channel"): string {
  return `is not a ${what} id: use the ${what}'s Discord id, 15-20 digits (Discord: User Settings > Advanced > Developer Mode on, then right-click the ${what} > Copy ${what === "server" ? "Server" : "Channel"} ID)`;
}

function serverConfig(options: ParseWebhookUrlOptions) {
  return z.strictObject({
    /** A label for logs and the demo; Discord's own name is used in messages. */
    name: z.string().min(1).max(100).optional(),
    /** Where this server's notices go (a secret: `pulumi config set --secret --path`). */
    webhookUrl: webhookUrl(options),
    /** Post into this thread of the webhook's channel (also a forum channel's post). */
    threadId: Snowflake.optional(),
    /** Per voice channel: its notices to another webhook or thread. */
    channels: z
      .record(Snowflake, channelTarget(options), {
        error: (issue) => (issue.code === "invalid_key" ? notAnId("voice channel") : undefined),
      })
      .optional(),
    rules: ServerRules.optional(),
  });
}

/** `stepcord:servers`: guild id → where its notices go and which rules it follows. */
export function serversConfigSchema(options: ParseWebhookUrlOptions = {}) {
  return z
    .record(Snowflake, serverConfig(options), {
      error: (issue) => (issue.code === "invalid_key" ? notAnId("server") : undefined),
    })
    .superRefine((servers, ctx) => {
      // A webhook posts into one channel of one server, so one webhook named by two servers would show a server's
      // `<#channel>` and `<@member>` mentions in another, where they render as unknown.
      const firstUse = new Map<string, string>();
      for (const [guildId, server] of Object.entries(servers)) {
        const uses: Array<[string[], DiscordWebhook]> = [[[guildId, "webhookUrl"], server.webhookUrl]];
        for (const [channelId, target] of Object.entries(server.channels ?? {})) {
          if (target.webhookUrl === undefined) continue;
          if (target.webhookUrl.id === server.webhookUrl.id) {
            ctx.addIssue({
              code: "custom",
              path: [guildId, "channels", channelId, "webhookUrl"],
              message: `repeats the server's own webhook (id ${server.webhookUrl.id}); leave webhookUrl out to use it`,
            });
            continue;
          }
          uses.push([[guildId, "channels", channelId, "webhookUrl"], target.webhookUrl]);
        }
        for (const [path, webhook] of uses) {
          const seen = firstUse.get(webhook.id);
          if (seen !== undefined && !seen.startsWith(`${guildId}.`)) {
            ctx.addIssue({
              code: "custom",
              path,
              message: `webhook id ${webhook.id} is already used by ${seen}; a webhook posts into one server's channel, so give each server its own`,
            });
          } else if (seen === undefined) {
            firstUse.set(webhook.id, path.join("."));
          }
        }
      }
    });
}

export type ServersConfig = z.infer<ReturnType<typeof serversConfigSchema>>;
export type ServerConfig = ServersConfig[string];
