import { expect } from "chai";
import { parseConfig } from "../../src/config/config.js";
import { allows, type GuildRules, type RuleInput } from "../../src/rules/guild-rules.js";
import { isQuiet } from "../../src/rules/quiet-hours.js";

const rules = (env: Record<string, string> = {}) =>
  parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/e", ...env }).rules;
const input = (over: Partial<RuleInput> = {}): RuleInput => ({
  type: "join",
  guildId: "g",
  channelId: "c",
  userId: "u",
  afkChannelId: "afk",
  isBot: false,
  isSelf: false,
  membersInChannel: 1,
  atMs: 0,
  ...over,
});

describe("guild rules", () => {
  it("ignores bots, the bot itself and the AFK channel by default", () => {
    const r = rules();
    expect(allows(r, input({ isBot: true }))).to.equal(false);
    expect(allows(r, input({ isSelf: true }))).to.equal(false);
    expect(allows(r, input({ channelId: "afk" }))).to.equal(false);
    expect(allows(r, input())).to.equal(true);
  });

  it("applies allowlists and the member threshold, the threshold to joins only", () => {
    const r = rules({ GUILD_ALLOWLIST: "g", MIN_MEMBERS: "2" });
    expect(allows(r, input({ guildId: "other", membersInChannel: 5 }))).to.equal(false);
    expect(allows(r, input({ membersInChannel: 1 }))).to.equal(false);
    expect(allows(r, input({ membersInChannel: 2 }))).to.equal(true);
    expect(allows(r, input({ type: "leave", membersInChannel: 0 }))).to.equal(true);
  });

  it("with FIRST_JOINER_ONLY lets a join through only when the joiner is alone in the channel, and never holds back a leave", () => {
    const r = rules({ FIRST_JOINER_ONLY: "true" });
    expect(allows(r, input({ membersInChannel: 1 }))).to.equal(true);
    expect(allows(r, input({ membersInChannel: 2 }))).to.equal(false);
    expect(allows(r, input({ type: "leave", membersInChannel: 3 }))).to.equal(true);
  });

  it("treats quiet hours that wrap midnight as quiet on both sides", () => {
    const r = rules({ QUIET_HOURS: "22-7" });
    expect(isQuiet(r, Date.UTC(2026, 0, 1, 23))).to.equal(true);
    expect(isQuiet(r, Date.UTC(2026, 0, 1, 3))).to.equal(true);
    expect(isQuiet(r, Date.UTC(2026, 0, 1, 12))).to.equal(false);
  });

  it("reads QUIET_HOURS as a window of whole UTC hours", () => {
    expect(rules({ QUIET_HOURS: "22-7" }).quietHours).to.deep.equal({
      fromMinutes: 22 * 60,
      toMinutes: 7 * 60,
      timeZone: "UTC",
    });
  });

  it("never announces a denied channel, even one the allowlist names", () => {
    const r: GuildRules = { ...rules(), channels: ["c"], deniedChannels: ["c"] };
    expect(allows(r, input())).to.equal(false);
    expect(allows(r, input({ type: "leave" }))).to.equal(false);
  });

  it("announces only the event types the rules name", () => {
    const r: GuildRules = { ...rules(), eventTypes: new Set(["leave"]) };
    expect(allows(r, input({ type: "join" }))).to.equal(false);
    expect(allows(r, input({ type: "leave" }))).to.equal(true);
  });
});
