export interface MessageContext {
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  channelId: string;
  webhookId: string;
}

/** Discord writes timestamps with microseconds and an explicit offset: `2026-11-22T21:04:05.123000+00:00`. */
export const discordIsoTimestamp = (ms: number): string =>
  new Date(ms).toISOString().replace("Z", "000+00:00");

const asString = (value: unknown, fallback: string): string => (typeof value === "string" ? value : fallback);

/**
 * The message object Execute Webhook returns with `?wait=true`: Discord echoes the content,
 * marks embeds as "rich", and makes the webhook (with any username override) the author.
 */
export function toMessageObject(body: Record<string, unknown>, ctx: MessageContext): Record<string, unknown> {
  const embeds = Array.isArray(body.embeds)
    ? body.embeds.map((embed: unknown) => ({ type: "rich", ...(embed as Record<string, unknown>) }))
    : [];
  return {
    type: 0,
    id: ctx.id,
    channel_id: ctx.channelId,
    webhook_id: ctx.webhookId,
    author: {
      id: ctx.webhookId,
      username: asString(body.username, "Captain Hook"),
      avatar: null,
      discriminator: "0000",
      bot: true,
    },
    content: asString(body.content, ""),
    embeds,
    attachments: [],
    components: Array.isArray(body.components) ? body.components : [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: body.tts === true,
    timestamp: discordIsoTimestamp(ctx.createdAt),
    edited_timestamp: null,
    flags: typeof body.flags === "number" ? body.flags : 0,
  };
}
