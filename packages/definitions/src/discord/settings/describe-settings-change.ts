import type { SettingsChange } from "./settings-change.js";

/** reference.mdx, "Message Formatting": `<t:TIMESTAMP:STYLE>`, f "Long Date, Short Time", R "Relative Time". */
const timestamp = (ms: number, style: "f" | "R") => `<t:${Math.floor(ms / 1000)}:${style}>`;

/**
 * The confirmation an admin reads after a change, in English. Only validated values reach it (numbers, clock
 * times, zone names from Intl, channel ids), never text as typed; `<#id>` renders the channel's name without pinging.
 */
export function describeSettingsChange(change: SettingsChange): string {
  switch (change.kind) {
    case "pause":
      return change.untilMs === null
        ? "Notices are paused until `/stepcord resume`."
        : `Notices are paused until ${timestamp(change.untilMs, "f")} (${timestamp(change.untilMs, "R")}). \`/stepcord resume\` ends it sooner.`;
    case "resume":
      return "Notices are on again.";
    case "quiet":
      return `Quiet hours are ${change.from}–${change.to} (${change.timeZone ?? "UTC"}): notices in them are sent silently.`;
    case "quiet-off":
      return "Quiet hours are off: every notice makes a sound.";
    case "min-members":
      return change.minMembers === 0
        ? "Notices go out however few members are in the channel."
        : `Notices go out only when at least ${change.minMembers} members are in the channel.`;
    case "events":
      return `Announced: ${change.events.join(", ")}.`;
    case "ignore":
      return `<#${change.channelId}> is no longer announced.`;
    case "unignore":
      return `<#${change.channelId}> is announced again.`;
  }
}
