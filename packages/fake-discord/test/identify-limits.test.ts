import { expect } from "chai";
import { IdentifyLimits } from "../src/gateway/identify-limits.js";

function clock() {
  const c = { ms: 0 };
  return { c, now: () => c.ms };
}

describe("IdentifyLimits (gateway.mdx, Max Concurrency and Session Start Limit Object)", () => {
  it("admits one IDENTIFY per rate-limit bucket per 5 s and refuses the next inside the window", () => {
    const { c, now } = clock();
    const limits = new IdentifyLimits(1000, 1, now);
    expect(limits.admit(0)).to.equal("start");
    c.ms = 4_999;
    expect(limits.admit(0)).to.equal("concurrency");
    c.ms = 5_000;
    expect(limits.admit(0)).to.equal("start");
  });

  it("puts shard_id % max_concurrency in one bucket: with 2, shards 0 and 1 start together and 2 waits for 0", () => {
    const { now } = clock();
    const limits = new IdentifyLimits(1000, 2, now);
    expect([0, 1, 2].map((shard) => limits.admit(shard))).to.deep.equal(["start", "start", "concurrency"]);
  });

  it("counts down remaining per IDENTIFY and refuses once the daily total is spent", () => {
    const { c, now } = clock();
    const limits = new IdentifyLimits(2, 1, now);
    limits.admit(0);
    c.ms = 5_000;
    limits.admit(0);
    c.ms = 10_000;
    expect(limits.snapshot().remaining).to.equal(0);
    expect(limits.admit(0)).to.equal("exhausted");
  });

  it("reports reset_after counting down from a day", () => {
    const { c, now } = clock();
    const limits = new IdentifyLimits(1000, 1, now);
    c.ms = 1_000;
    expect(limits.snapshot()).to.deep.equal({
      total: 1000,
      remaining: 1000,
      reset_after: 86_399_000,
      max_concurrency: 1,
    });
  });
});
