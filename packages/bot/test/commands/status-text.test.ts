import { noServerSettings, type ServerSettings } from "@stepcord/definitions";
import { expect } from "chai";
import { statusText } from "../../src/commands/status-text.js";
import { parseConfig } from "../../src/config/config.js";
import { withDiscordSettings } from "../../src/rules/discord-settings.js";
import { effectiveRules } from "../../src/rules/rule-sources.js";
import { withServerRules } from "../../src/rules/server-rules.js";

const GUILD = "100000000000000001";
const NOW = Date.parse("2026-06-01T12:00:00Z");
const env = parseConfig({
  DISCORD_TOKEN: "t",
  EVENTS_ENDPOINT: "http://127.0.0.1/events",
  TOGGLES: "stream",
}).rules;
const server = { minMembers: 2, denyChannels: ["200000000000000009"] };
const discord: ServerSettings = {
  ...noServerSettings(GUILD),
  version: 3,
  updatedAt: "2026-06-01T11:00:00.000Z",
  updatedBy: "300000000000000001",
  pausedUntil: "2026-06-01T12:30:00.000Z",
  quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" },
  ignoredChannels: ["200000000000000001"],
};
const destination = {
  id: `g${GUILD}`,
  guildId: GUILD,
  voiceChannelId: undefined,
  threadId: "400000000000000001",
  rateLimitKey: "w",
};

const text = (settings: ServerSettings | undefined) =>
  statusText({
    rules: effectiveRules(
      settings === undefined
        ? withServerRules(env, server)
        : withDiscordSettings(withServerRules(env, server), settings),
      server,
      settings,
    ),
    settings,
    destinations: [destination],
    nowMs: NOW,
  });

describe("statusText", () => {
  it("names the layer of each rule: Discord settings, the stack's stepcord:servers, the environment", () => {
    const lines = text(discord).split("\n");
    expect(lines).to.include("• Quiet hours: 23:00–07:00 Asia/Tokyo (Discord settings)");
    expect(lines).to.include("• Minimum members: 2 (the stack's stepcord:servers)");
    expect(lines).to.include("• Announced: join, leave, move, stream (environment)");
  });

  it("shows a pause's end as Discord timestamps and a past pause as on", () => {
    expect(text(discord)).to.contain(
      `paused until <t:${Math.floor(Date.parse("2026-06-01T12:30:00Z") / 1000)}:f>`,
    );
    expect(text({ ...discord, pausedUntil: "2026-06-01T11:30:00.000Z" })).to.contain("• Notices: on");
  });

  it("lists ignored channels with their layer", () => {
    expect(text(discord)).to.contain(
      "• Ignored voice channels: <#200000000000000009> (the stack's stepcord:servers), <#200000000000000001> (Discord settings)",
    );
  });

  it("says where notices go by destination id and thread, never a URL", () => {
    const status = text(discord);
    expect(status).to.contain(`• Notices go to destination \`g${GUILD}\`, thread <#400000000000000001>`);
    expect(status).not.to.match(/https?:/);
  });

  it("says a server that never set anything from Discord was never changed there", () => {
    expect(text(undefined).split("\n")[0]).to.equal(
      "**stepcord in this server** (never changed from Discord)",
    );
  });
});
