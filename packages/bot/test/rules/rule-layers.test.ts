import { noServerSettings } from "@stepcord/definitions";
import { expect } from "chai";
import { parseConfig } from "../../src/config/config.js";
import { layeredRules } from "../../src/rules/rule-layers.js";

const LISTED = "100000000000000001";
const OTHER = "100000000000000002";
const env = (over: Record<string, string> = {}) =>
  parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/events", ...over }).rules;

describe("layeredRules", () => {
  it("gives every guild the environment's rules without a server directory", () => {
    const defaults = env({ MIN_MEMBERS: "3" });
    const { problems, settings } = layeredRules(defaults, undefined);
    expect(problems).to.deep.equal([]);
    expect(settings.rulesFor(OTHER)).to.equal(defaults);
  });

  it("puts a listed server's rules in place of the environment's, and only for that server", () => {
    const { settings } = layeredRules(env({ MIN_MEMBERS: "3" }), { [LISTED]: { minMembers: 5 } });
    expect(settings.rulesFor(LISTED).minMembers).to.equal(5);
    expect(settings.rulesFor(OTHER).minMembers).to.equal(3);
  });

  it("puts what the server's admins set with /stepcord on top of the listed server's rules", () => {
    const { settings } = layeredRules(env(), { [LISTED]: { minMembers: 5 } });
    settings.apply({ ...noServerSettings(LISTED), version: 1, minMembers: 7 });
    expect(settings.rulesFor(LISTED).minMembers).to.equal(7);
  });

  it("lists a server whose rules contradict an environment default they leave alone", () => {
    const { problems } = layeredRules(env({ FIRST_JOINER_ONLY: "true" }), { [LISTED]: { minMembers: 2 } });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include(`servers.rules.${LISTED}`).and.include("(from FIRST_JOINER_ONLY)");
  });
});
