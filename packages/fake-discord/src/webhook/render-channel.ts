import { SUPPRESS_NOTIFICATIONS } from "./message-limits.js";
import type { AcceptedMessage, ChannelNames } from "./types.js";

const DEFAULT_WEBHOOK_NAME = "Captain Hook";

const hhmm = (date: Date): string => date.toISOString().slice(11, 16);

/**
 * Style R, "Relative Time" (discord-api-docs, developers/reference.mdx, "Timestamp Styles": e.g. "2 months ago"):
 * the distance to `nowMs` in its largest whole unit, "in …" ahead and "… ago" behind.
 */
function relativeTime(ms: number, nowMs: number): string {
  const seconds = Math.round(Math.abs(ms - nowMs) / 1000);
  const units: Array<[string, number]> = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
    ["second", 1],
  ];
  const [unit, size] = units.find(([, s]) => seconds >= s) ?? ["second", 1];
  const n = Math.floor(seconds / size);
  const amount = `${n} ${unit}${n === 1 ? "" : "s"}`;
  return ms >= nowMs ? `in ${amount}` : `${amount} ago`;
}

const discordTimestamp = (
  unixSeconds: string,
  style: string | undefined,
  nowMs: number | undefined,
): string => {
  const date = new Date(Number(unixSeconds) * 1000);
  if (Number.isNaN(date.getTime())) return `<t:${unixSeconds}>`;
  if (style === "R" && nowMs !== undefined) return relativeTime(date.getTime(), nowMs);
  // Short-time styles show only the clock; every other style is rendered as date and time (UTC, for stable output).
  return style === "t" || style === "T" ? hhmm(date) : `${date.toISOString().slice(0, 10)} ${hhmm(date)}`;
};

/**
 * Replaces Discord's markup the way the client displays it: `<@id>`/`<@!id>` → `@Name`,
 * `<#id>` → `#name`, `<@&id>` → `@role`, `<t:unix[:style]>` → a UTC time. Unknown ids fall back
 * to the placeholders Discord shows for users and channels it cannot resolve. With `nowMs`, a relative `<t:…:R>` reads
 * "in 30 minutes" as of then; without it, as a UTC time like the other styles.
 */
export function renderMarkup(text: string, names: ChannelNames = {}, nowMs?: number): string {
  return text
    .replace(/<@!?(\d+)>/g, (_, id: string) => `@${names.userNames?.[id] ?? "unknown-user"}`)
    .replace(/<#(\d+)>/g, (_, id: string) => `#${names.channelNames?.[id] ?? "unknown"}`)
    .replace(/<@&(\d+)>/g, () => "@role")
    .replace(/<t:(-?\d+)(?::([tTdDfFR]))?>/g, (_, unix: string, style: string | undefined) =>
      discordTimestamp(unix, style, nowMs),
    );
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" && value.length > 0 ? value : undefined;

function embedLines(embed: Record<string, unknown>, names: ChannelNames): string[] {
  const lines: string[] = [];
  const push = (text: string | undefined): void => {
    if (text !== undefined)
      for (const line of renderMarkup(text, names).split("\n")) lines.push(`  | ${line}`);
  };
  push(textOf(embed.title));
  push(textOf(embed.description));
  if (Array.isArray(embed.fields)) {
    for (const field of embed.fields) {
      const { name, value } = asRecord(field);
      push(`${textOf(name) ?? ""}: ${textOf(value) ?? ""}`);
    }
  }
  push(textOf(asRecord(embed.footer).text));
  return lines;
}

/**
 * Renders accepted messages as plain text, one block per message, roughly as a Discord channel shows them:
 *
 * ```
 * [21:04] Stepcord (silent)
 *   | @Alice joined #General
 * ```
 *
 * Times are HH:MM in UTC so output does not depend on the machine's time zone.
 */
export function renderChannel(messages: AcceptedMessage[], names: ChannelNames = {}): string {
  const blocks = messages.map((message) => {
    const body = message.body;
    const author = textOf(body.username) ?? DEFAULT_WEBHOOK_NAME;
    const silent = (message.flags & SUPPRESS_NOTIFICATIONS) !== 0 ? " (silent)" : "";
    const lines = [`[${hhmm(new Date(message.receivedAt))}] ${author}${silent}`];
    const content = textOf(body.content);
    if (content !== undefined)
      for (const line of renderMarkup(content, names).split("\n")) lines.push(`  ${line}`);
    if (Array.isArray(body.embeds))
      for (const embed of body.embeds) lines.push(...embedLines(asRecord(embed), names));
    return lines.join("\n");
  });
  return blocks.join("\n");
}
