import { expect } from "chai";
import { parseConfig } from "../src/config.js";
import { ConfigError } from "../src/config-error.js";

describe("parseConfig", () => {
  it("lists every problem at once, each naming its fix", () => {
    try {
      parseConfig({ HEALTH_PORT: "99999", QUIET_HOURS: "late", TOGGLES: "stream,dance" });
      expect.fail("should throw");
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).to.match(/DISCORD_TOKEN is required/);
      expect(problems).to.match(/HEALTH_PORT/);
      expect(problems).to.match(/QUIET_HOURS must be START-END/);
      expect(problems).to.match(/TOGGLES/);
      expect(problems).to.match(/EVENTS_ENDPOINT is required/);
    }
  });

  it("infers the region from an execute-api endpoint and applies defaults", () => {
    const c = parseConfig({
      DISCORD_TOKEN: "t",
      EVENTS_ENDPOINT: "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events",
    });
    expect(c.region).to.equal("eu-west-1");
    expect(c.batchWindowMs).to.equal(2000);
    expect(c.outboxDir).to.equal(".stepcord/outbox");
    expect(c.rules.excludeAfk).to.equal(true);
  });

  it("reads DWELL_SECONDS as milliseconds, off by default, and refuses a negative dwell", () => {
    const base = { DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "https://example.test/events" };
    expect(parseConfig(base).rules.dwellMs).to.equal(0);
    expect(parseConfig({ ...base, DWELL_SECONDS: "30" }).rules.dwellMs).to.equal(30_000);
    expect(() => parseConfig({ ...base, DWELL_SECONDS: "-5" }))
      .to.throw(ConfigError)
      .with.property("problems")
      .that.satisfies((problems: string[]) => problems.some((p) => p.startsWith("DWELL_SECONDS")));
  });

  it("reads FIRST_JOINER_ONLY, off by default, and refuses it together with MIN_MEMBERS above 1", () => {
    const base = { DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "https://example.test/events" };
    expect(parseConfig(base).rules.firstJoinerOnly).to.equal(false);
    expect(parseConfig({ ...base, FIRST_JOINER_ONLY: "true" }).rules.firstJoinerOnly).to.equal(true);
    expect(() => parseConfig({ ...base, FIRST_JOINER_ONLY: "true", MIN_MEMBERS: "3" }))
      .to.throw(ConfigError)
      .with.property("problems")
      .that.satisfies((problems: string[]) =>
        problems.some((p) => /FIRST_JOINER_ONLY=true and MIN_MEMBERS=3 .*unset one of them/.test(p)),
      );
  });

  it("never puts the token in the error message", () => {
    try {
      parseConfig({ DISCORD_TOKEN: "super-secret", HEALTH_PORT: "nope" });
    } catch (error) {
      expect((error as Error).message).to.not.include("super-secret");
    }
  });
});
