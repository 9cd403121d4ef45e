import type { ServerRules } from "@stepcord/definitions";
import { expect } from "chai";
import { parseConfig } from "../../src/config/config.js";
import { rulesForServers, serverRulesProblems, withServerRules } from "../../src/rules/server-rules.js";

const GUILD_1 = "111111111111111111";
const GUILD_2 = "222222222222222222";
const defaults = (env: Record<string, string> = {}) =>
  parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/e", ...env }).rules;

describe("withServerRules", () => {
  it("keeps every default a server leaves out", () => {
    const env = defaults({ MIN_MEMBERS: "2", QUIET_HOURS: "22-7", TOGGLES: "stream" });
    expect(withServerRules(env, {})).to.deep.equal(env);
  });

  it("overrides the member threshold and first-joiner-only", () => {
    const merged = withServerRules(defaults({ MIN_MEMBERS: "3" }), { minMembers: 0, firstJoinerOnly: true });
    expect(merged.minMembers).to.equal(0);
    expect(merged.firstJoinerOnly).to.equal(true);
  });

  it("turns quiet hours into a window in the server's own time zone, and `off` into none", () => {
    const env = defaults({ QUIET_HOURS: "22-7" });
    const tokyo = withServerRules(env, {
      quietHours: { from: "23:30", to: "06:15", timeZone: "Asia/Tokyo" },
    });
    expect(tokyo.quietHours).to.deep.equal({ fromMinutes: 1410, toMinutes: 375, timeZone: "Asia/Tokyo" });
    expect(withServerRules(env, { quietHours: "off" }).quietHours).to.equal(undefined);
  });

  it("replaces the environment's channel allowlist and adds a deny list", () => {
    const merged = withServerRules(defaults({ CHANNEL_ALLOWLIST: "1,2" }), {
      allowChannels: ["333333333333333333"],
      denyChannels: ["444444444444444444"],
    });
    expect(merged.channels).to.deep.equal(["333333333333333333"]);
    expect(merged.deniedChannels).to.deep.equal(["444444444444444444"]);
  });

  it("maps each event kind to its voice event types, and classifies only the toggles it names", () => {
    const merged = withServerRules(defaults({ TOGGLES: "video,speaker" }), {
      events: ["join", "stream", "serverMute"],
    });
    expect([...merged.eventTypes].sort()).to.deep.equal(
      ["join", "server_mute", "server_unmute", "stream_start", "stream_stop"].sort(),
    );
    expect(merged.toggles).to.deep.equal({
      stream: true,
      video: false,
      speaker: false,
      serverMute: true,
      serverDeaf: false,
    });
  });

  it("maps serverDeaf to server_deafen and server_undeafen", () => {
    const merged = withServerRules(defaults(), { events: ["serverDeaf"] });
    expect([...merged.eventTypes].sort()).to.deep.equal(["server_deafen", "server_undeafen"]);
  });
});

describe("rulesForServers", () => {
  const servers: Record<string, ServerRules> = { [GUILD_1]: { minMembers: 2 } };

  it("gives a listed server its own rules and every other guild the environment's", () => {
    const env = defaults();
    const rulesFor = rulesForServers(env, servers);
    expect(rulesFor(GUILD_1).minMembers).to.equal(2);
    expect(rulesFor(GUILD_2)).to.equal(env);
  });

  it("answers with the same object each time, so a voice change costs no merge", () => {
    const rulesFor = rulesForServers(defaults(), servers);
    expect(rulesFor(GUILD_1)).to.equal(rulesFor(GUILD_1));
  });
});

describe("serverRulesProblems", () => {
  it("names a server whose own threshold contradicts FIRST_JOINER_ONLY from the environment, and the fix", () => {
    const problems = serverRulesProblems(defaults({ FIRST_JOINER_ONLY: "true" }), {
      [GUILD_1]: { minMembers: 3 },
      [GUILD_2]: { minMembers: 3, firstJoinerOnly: false },
    });
    expect(problems).to.deep.equal([
      `servers.rules.${GUILD_1}: minMembers 3 with firstJoinerOnly (from FIRST_JOINER_ONLY) can never both hold (a first joiner is alone in the channel): set firstJoinerOnly: false or a minMembers of at most 1 for this server`,
    ]);
  });

  it("names a server that turns first-joiner-only on under the environment's MIN_MEMBERS", () => {
    const problems = serverRulesProblems(defaults({ MIN_MEMBERS: "2" }), {
      [GUILD_1]: { firstJoinerOnly: true },
    });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include("minMembers 2 (from MIN_MEMBERS)");
  });
});
