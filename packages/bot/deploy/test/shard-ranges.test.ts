import { expect } from "chai";
import { InvalidBotDeployConfigError, loadBotSettings } from "../src/config.js";
import { shardPlanProblems, shardRanges } from "../src/shard-ranges.js";

const context = { organization: "acme", stack: "prod" };
const region = "eu-west-1";

describe("shardRanges", () => {
  it("splits the shards into contiguous ranges, one per task, sizes differing by at most one", () => {
    expect(shardRanges({ count: 8, tasks: 3 }).map((r) => [r.first, r.last])).to.deep.equal([
      [0, 1],
      [2, 4],
      [5, 7],
    ]);
  });

  it("gives each task of several SHARD_COUNT and its SHARD_IDS", () => {
    expect(shardRanges({ count: 4, tasks: 2 }).map((r) => r.environment)).to.deep.equal([
      [
        { name: "SHARD_COUNT", value: "4" },
        { name: "SHARD_IDS", value: "0-1" },
      ],
      [
        { name: "SHARD_COUNT", value: "4" },
        { name: "SHARD_IDS", value: "2-3" },
      ],
    ]);
  });

  it("gives a single task SHARD_COUNT only, and one shard in one task no variable at all", () => {
    expect(shardRanges({ count: 4, tasks: 1 })[0]?.environment).to.deep.equal([
      { name: "SHARD_COUNT", value: "4" },
    ]);
    expect(shardRanges({ count: 1, tasks: 1 })[0]?.environment).to.deep.equal([]);
  });
});

describe("stepcord-bot:shards", () => {
  it("is one shard in one task when unset, and one task when tasks is left out", () => {
    expect(loadBotSettings({ region }, context).shards).to.deep.equal({ count: 1, tasks: 1 });
    expect(loadBotSettings({ region, shards: { count: 4 } }, context).shards).to.deep.equal({
      count: 4,
      tasks: 1,
    });
  });

  it("refuses more tasks than shards, a count below 1, unknown keys and a non-object, naming the key", () => {
    expect(shardPlanProblems({ count: 2, tasks: 3 })).to.deep.equal([
      "stepcord-bot:shards.tasks (3) cannot exceed shards.count (2): a task runs at least one shard.",
    ]);
    expect(shardPlanProblems({ count: 0 })[0]).to.match(/^stepcord-bot:shards.count must be a whole number/);
    expect(shardPlanProblems({ count: 2, task: 2 })).to.deep.equal([
      "stepcord-bot:shards.task is not a setting; only count and tasks are.",
    ]);
    expect(shardPlanProblems(4)[0]).to.match(/must be an object \{count, tasks\}/);
  });

  it("lists shard problems with the other config problems", () => {
    expect(() => loadBotSettings({ region, cpu: 256, memory: 4096, shards: { count: 1.5 } }, context))
      .to.throw(InvalidBotDeployConfigError)
      .with.property("problems")
      .that.has.length(2);
  });
});
