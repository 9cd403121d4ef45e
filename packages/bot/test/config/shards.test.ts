import { expect } from "chai";
import { parseConfig } from "../../src/config/config.js";
import { ConfigError } from "../../src/config/config-error.js";
import { parseShards } from "../../src/config/shards.js";

const base = {
  DISCORD_TOKEN: "t",
  EVENTS_ENDPOINT: "https://abc.execute-api.eu-west-1.amazonaws.com/events",
};

function problems(env: Record<string, string>): string {
  try {
    parseConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join("\n");
    throw error;
  }
  return expect.fail("should throw");
}

describe("SHARD_COUNT and SHARD_IDS", () => {
  it("runs shard 0 of 1 when neither is set", () => {
    expect(parseConfig(base).shards).to.deep.equal({ count: 1, ids: [0] });
  });

  it("runs every shard in this process when only SHARD_COUNT is set", () => {
    expect(parseConfig({ ...base, SHARD_COUNT: "4" }).shards).to.deep.equal({ count: 4, ids: [0, 1, 2, 3] });
  });

  it("reads SHARD_IDS as ids and ranges, in order", () => {
    expect(parseShards("8", "6-7, 0,2-3")).to.deep.equal({ shards: { count: 8, ids: [0, 2, 3, 6, 7] } });
  });

  it("refuses a SHARD_COUNT that is not a whole number of at least 1, naming the variable", () => {
    expect(problems({ SHARD_COUNT: "0" })).to.match(
      /SHARD_COUNT must be the whole number of shards.*got "0"/,
    );
    expect(problems({ SHARD_COUNT: "two" })).to.match(/SHARD_COUNT .*got "two"/);
  });

  it("refuses SHARD_IDS outside 0..SHARD_COUNT-1, naming the ids", () => {
    expect(problems({ SHARD_COUNT: "4", SHARD_IDS: "2-5" })).to.include(
      "SHARD_IDS must lie in 0..3 (SHARD_COUNT is 4); 4, 5 are outside",
    );
  });

  it("refuses SHARD_IDS without SHARD_COUNT, a shard named twice, a backwards range and a malformed part", () => {
    expect(problems({ SHARD_IDS: "0" })).to.match(/SHARD_IDS needs SHARD_COUNT/);
    expect(problems({ SHARD_COUNT: "4", SHARD_IDS: "0-2,1" })).to.match(/names shard 1 more than once/);
    expect(problems({ SHARD_COUNT: "4", SHARD_IDS: "3-1" })).to.match(
      /runs backwards: write it low-high, such as 1-3/,
    );
    expect(problems({ SHARD_COUNT: "4", SHARD_IDS: "a" })).to.match(
      /SHARD_IDS must be shard ids and ranges.*"a"/,
    );
  });

  it("lists shard problems together with the others", () => {
    const listed = problems({ SHARD_COUNT: "x", HEALTH_PORT: "99999" });
    expect(listed)
      .to.match(/SHARD_COUNT/)
      .and.match(/HEALTH_PORT/);
  });
});
