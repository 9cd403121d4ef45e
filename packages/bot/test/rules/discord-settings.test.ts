import { noServerSettings, type ServerSettings } from "@stepcord/definitions";
import { expect } from "chai";
import { parseConfig } from "../../src/config/config.js";
import { DiscordSettings, withDiscordSettings } from "../../src/rules/discord-settings.js";
import { allows, type RuleInput } from "../../src/rules/guild-rules.js";
import { isQuiet } from "../../src/rules/quiet-hours.js";
import { rulesForServers } from "../../src/rules/server-rules.js";

const GUILD = "100000000000000001";
const env = (over: Record<string, string> = {}) =>
  parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/events", ...over }).rules;
const settings = (over: Partial<ServerSettings> = {}): ServerSettings => ({
  ...noServerSettings(GUILD),
  version: 1,
  ...over,
});
const join = (over: Partial<RuleInput> = {}): RuleInput => ({
  type: "join",
  guildId: GUILD,
  channelId: "200000000000000001",
  userId: "300000000000000001",
  afkChannelId: null,
  isBot: false,
  isSelf: false,
  membersInChannel: 1,
  atMs: Date.parse("2026-06-01T12:00:00Z"),
  ...over,
});

describe("withDiscordSettings", () => {
  it("announces nothing before pausedUntil and again from it", () => {
    const rules = withDiscordSettings(env(), settings({ pausedUntil: "2026-06-01T12:30:00.000Z" }));
    expect(allows(rules, join())).to.equal(false);
    expect(allows(rules, join({ atMs: Date.parse("2026-06-01T12:30:00Z") }))).to.equal(true);
  });

  it("pauses until resume when paused indefinitely", () => {
    const rules = withDiscordSettings(env(), settings({ pausedUntil: "indefinitely" }));
    expect(allows(rules, join({ atMs: Date.parse("2099-01-01T00:00:00Z") }))).to.equal(false);
  });

  it("replaces the environment's quiet hours with the server's, read in its zone", () => {
    const rules = withDiscordSettings(
      env({ QUIET_HOURS: "1-2" }),
      settings({ quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" } }),
    );
    expect(isQuiet(rules, Date.parse("2026-06-01T14:30:00Z"))).to.equal(true);
    expect(isQuiet(rules, Date.parse("2026-06-01T01:30:00Z"))).to.equal(false);
  });

  it("wins over the stack's server rules, which win over the environment", () => {
    const stack = rulesForServers(env({ MIN_MEMBERS: "5" }), { [GUILD]: { minMembers: 3 } })(GUILD);
    expect(stack.minMembers).to.equal(3);
    expect(withDiscordSettings(stack, settings({ minMembers: 0 })).minMembers).to.equal(0);
    expect(withDiscordSettings(stack, settings()).minMembers).to.equal(3);
  });

  it("adds ignored channels to the stack's deny list rather than replacing it", () => {
    const stack = rulesForServers(env(), { [GUILD]: { denyChannels: ["200000000000000009"] } })(GUILD);
    const rules = withDiscordSettings(stack, settings({ ignoredChannels: ["200000000000000001"] }));
    expect(rules.deniedChannels).to.have.members(["200000000000000009", "200000000000000001"]);
  });

  it("announces only the kinds chosen, and classifies an opt-in kind chosen from Discord", () => {
    const rules = withDiscordSettings(env(), settings({ events: ["leave", "stream"] }));
    expect(allows(rules, join())).to.equal(false);
    expect(rules.toggles.stream).to.equal(true);
  });
});

describe("DiscordSettings", () => {
  it("serves the layer below until a guild's settings arrive, then the merged rules", () => {
    const layer = new DiscordSettings(() => env());
    expect(layer.rulesFor(GUILD).minMembers).to.equal(0);
    layer.apply(settings({ minMembers: 4 }));
    expect(layer.rulesFor(GUILD).minMembers).to.equal(4);
  });

  it("ignores an older version than the one held, so a slow read at start never undoes a change", () => {
    const layer = new DiscordSettings(() => env());
    layer.apply(settings({ version: 2, minMembers: 4 }));
    expect(layer.apply(settings({ version: 1, minMembers: 9 }))).to.equal(false);
    expect(layer.rulesFor(GUILD).minMembers).to.equal(4);
  });
});
