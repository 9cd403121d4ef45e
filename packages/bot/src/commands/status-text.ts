import type { PublicDestination, ServerSettings } from "@stepcord/definitions";
import type { EffectiveRules, RuleSource } from "../rules/rule-sources.js";

const SOURCE: Record<RuleSource, string> = {
  discord: "Discord settings",
  stack: "the stack's stepcord:servers",
  environment: "environment",
};

/** reference.mdx, "Message Formatting": `<t:TIMESTAMP:STYLE>`. */
const timestamp = (ms: number, style: "f" | "R") => `<t:${Math.floor(ms / 1000)}:${style}>`;

export interface StatusArgs {
  rules: EffectiveRules;
  settings: ServerSettings | undefined;
  /** The guild's destinations: its server's (or the every-server one) and its channel overrides. */
  destinations: readonly PublicDestination[];
  nowMs: number;
}

function pauseLine({ value, from }: EffectiveRules["paused"], nowMs: number): string {
  if (value === undefined || value <= nowMs) return "• Notices: on";
  if (value === Number.POSITIVE_INFINITY)
    return `• Notices: paused until \`/stepcord resume\` (${SOURCE[from]})`;
  return `• Notices: paused until ${timestamp(value, "f")} (${timestamp(value, "R")}, ${SOURCE[from]})`;
}

function destinationLines(destinations: readonly PublicDestination[]): string[] {
  if (destinations.length === 0)
    return [
      "• Notices go nowhere: this server is not in the stack's stepcord:servers and the stack has no webhook for every server.",
    ];
  return destinations.map((d) => {
    const thread = d.threadId === undefined ? "" : `, thread <#${d.threadId}>`;
    const where = d.voiceChannelId === undefined ? "Notices go to" : `<#${d.voiceChannelId}>'s notices go to`;
    return `• ${where} destination \`${d.id}\`${thread}`;
  });
}

/**
 * `/stepcord status`: each rule in effect and where it comes from (Discord settings > the stack's stepcord:servers >
 * environment), and where notices go by destination id, never a webhook URL. Only ids, numbers, clock times and zone
 * names from validated settings appear.
 */
export function statusText({ rules, settings, destinations, nowMs }: StatusArgs): string {
  const q = rules.quietHours;
  const ignored = rules.ignored.map((c) => `<#${c.value}> (${SOURCE[c.from]})`);
  const changed =
    settings === undefined || settings.version === 0 || settings.updatedAt === null
      ? "never changed from Discord"
      : `changed ${timestamp(Date.parse(settings.updatedAt), "R")}${settings.updatedBy === null ? "" : ` by <@${settings.updatedBy}>`}`;
  const lines = [
    `**stepcord in this server** (${changed})`,
    pauseLine(rules.paused, nowMs),
    `• Quiet hours: ${q.value === undefined ? "off" : `${q.value.from}–${q.value.to} ${q.value.timeZone}`} (${SOURCE[q.from]})`,
    `• Minimum members: ${rules.minMembers.value} (${SOURCE[rules.minMembers.from]})`,
    `• Announced: ${rules.events.value.join(", ")} (${SOURCE[rules.events.from]})`,
    `• Ignored voice channels: ${ignored.length === 0 ? "none" : ignored.join(", ")}`,
    ...destinationLines(destinations),
  ];
  if (rules.contradiction)
    lines.push(
      "⚠ Only a first joiner is announced here (stack or environment), so a minimum above 1 member means no join is ever announced; `/stepcord min-members 0` lifts it.",
    );
  return lines.join("\n");
}
