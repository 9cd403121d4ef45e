import { expect } from "chai";
import { httpsOrLoopback, parseConfig } from "../../src/config/config.js";
import { ConfigError } from "../../src/config/config-error.js";

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

  it("refuses a SETTINGS_ENDPOINT over plain http to another machine, naming the route it must be", () => {
    const base = { DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1:1/events" };
    expect(() => parseConfig({ ...base, SETTINGS_ENDPOINT: "http://example.com/settings" })).to.throw(
      ConfigError,
      /SETTINGS_ENDPOINT must be the https URL of the events API's settings route/,
    );
    expect(
      parseConfig({ ...base, SETTINGS_ENDPOINT: "http://127.0.0.1:2/settings" }).settingsEndpoint,
    ).to.equal("http://127.0.0.1:2/settings");
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

  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "https://example.test/events", ...env });
    } catch (error) {
      if (error instanceof ConfigError) return [...error.problems];
      throw error;
    }
    return [];
  };

  it("names each number variable, what it must be and an example, never zod's bare NaN text", () => {
    const wrong = {
      HEALTH_PORT: "abc",
      MIN_MEMBERS: "two",
      USER_COOLDOWN_SECONDS: "5m",
      CHANNEL_COOLDOWN_SECONDS: "-1",
      BATCH_WINDOW_MS: "2s",
      DWELL_SECONDS: "1.5",
    };
    const problems = problemsOf(wrong);
    expect(problems).to.have.length(Object.keys(wrong).length);
    for (const [name, value] of Object.entries(wrong)) {
      const problem = problems.find((p) => p.startsWith(`${name} `));
      expect(problem, name).to.match(/must be .*such as \d+/);
      expect(problem, name).to.include(`got "${value}"`);
    }
    expect(problems.join("\n")).to.not.match(/NaN|expected number/);
  });

  it("refuses a HEALTH_PORT above 65535 and reads an empty number as its default", () => {
    expect(problemsOf({ HEALTH_PORT: "70000" })).to.deep.equal([
      'HEALTH_PORT must be a TCP port from 0 to 65535 (0 picks a free one), such as 8080; got "70000"',
    ]);
    const config = parseConfig({
      DISCORD_TOKEN: "t",
      EVENTS_ENDPOINT: "https://example.test/events",
      BATCH_WINDOW_MS: "",
      HEALTH_PORT: "",
    });
    expect(config.batchWindowMs).to.equal(2000);
    expect(config.healthPort).to.equal(undefined);
  });

  it("refuses an empty STEPCORD_STACK, saying what to set it to", () => {
    const problems = problemsOf({ STEPCORD_STACK: "" });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(
      /^STEPCORD_STACK is empty: set it to the Pulumi stack .*such as dev, or unset it/,
    );
  });

  it("accepts an https endpoint, and http only to this machine", () => {
    for (const ok of [
      "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events",
      "http://127.0.0.1:3000/events",
      "http://localhost:3000/events",
      "http://[::1]:3000/events",
    ])
      expect(problemsOf({ EVENTS_ENDPOINT: ok }), ok).to.deep.equal([]);
    for (const bad of ["http://events.example.com/prod/events", "ftp://127.0.0.1/e", "events.example.com"]) {
      const problems = problemsOf({ EVENTS_ENDPOINT: bad });
      expect(problems, bad).to.have.length(1);
      expect(problems[0], bad).to.match(/^EVENTS_ENDPOINT must be the https URL .*such as https:\/\//);
    }
  });

  it("echoes the QUIET_HOURS value it refuses", () => {
    expect(problemsOf({ QUIET_HOURS: "22:00-07:00" })).to.deep.equal([
      'QUIET_HOURS must be START-END hours in UTC, such as 22-7; got "22:00-07:00"',
    ]);
  });

  it("shows the whole EVENTS_ENDPOINT it refuses, path included, but no user or password", () => {
    const [problem] = problemsOf({ EVENTS_ENDPOINT: "http://me:pw@events.example.com/dev/events" });
    expect(problem).to.match(/; got http:\/\/events\.example\.com\/dev\/events$/);
    expect(problem).not.to.include("pw");
  });

  it("gives an EVENTS_ENDPOINT example shaped like the stack's eventsEndpoint, with no stage segment", () => {
    const [problem] = problemsOf({ EVENTS_ENDPOINT: "ftp://127.0.0.1/e" });
    expect(problem).to.include("such as https://abc123.execute-api.eu-west-1.amazonaws.com/events (");
  });

  it("never puts the token in the error message", () => {
    try {
      parseConfig({ DISCORD_TOKEN: "super-secret", HEALTH_PORT: "nope" });
    } catch (error) {
      expect((error as Error).message).to.not.include("super-secret");
    }
  });
});

describe("httpsOrLoopback", () => {
  it("allows https to any host", () => {
    expect(httpsOrLoopback(new URL("https://states.eu-west-1.amazonaws.com"))).to.equal(true);
  });

  it("allows http only to 127.x, [::1] and localhost", () => {
    const hosts = ["http://127.0.0.1:2/", "http://127.9.9.9/", "http://[::1]:3/", "http://localhost/"];
    expect(hosts.map((url) => httpsOrLoopback(new URL(url)))).to.deep.equal([true, true, true, true]);
  });

  it("refuses http to another machine, and other schemes", () => {
    const urls = ["http://example.com/", "http://127.0.0.1.example.com/", "ftp://127.0.0.1/"];
    expect(urls.map((url) => httpsOrLoopback(new URL(url)))).to.deep.equal([false, false, false]);
  });
});

describe("parseConfig's STEPFUNCTIONS_ENDPOINT", () => {
  const base = {
    DISCORD_TOKEN: "t",
    EVENTS_ENDPOINT: "https://abc.execute-api.eu-west-1.amazonaws.com/events",
  };

  it("refuses a value that is not a URL with the same fix as plain http elsewhere", () => {
    expect(() => parseConfig({ ...base, STEPFUNCTIONS_ENDPOINT: "states" })).to.throw(
      /STEPFUNCTIONS_ENDPOINT must be Step Functions' https endpoint/,
    );
  });
});
