import { expect } from "chai";
import { InvalidBotDeployConfigError, loadBotSettings } from "../src/config.js";

const context = { organization: "acme", stack: "prod" };
const region = "eu-west-1";

describe("loadBotSettings", () => {
  it("derives the infra stack from the current organization and the token parameter from the stack name", () => {
    expect(loadBotSettings({ region }, context)).to.deep.equal({
      infraStack: "acme/stepcord/prod",
      discordTokenParameter: "/stepcord/prod/discord-token",
      cpu: 256,
      memory: 512,
      containerInsights: "disabled",
      logRetentionDays: 30,
      region,
      shards: { count: 1, tasks: 1 },
    });
  });

  it("uses the literal organization a self-managed backend reports", () => {
    expect(loadBotSettings({ region }, { organization: "organization", stack: "dev" }).infraStack).to.equal(
      "organization/stepcord/dev",
    );
  });

  it("keeps an explicitly configured infra stack", () => {
    expect(loadBotSettings({ region, infraStack: "other/stepcord/blue" }, context).infraStack).to.equal(
      "other/stepcord/blue",
    );
  });

  it("refuses a permissions boundary that is not a policy ARN, naming the bootstrap output", () => {
    expect(() =>
      loadBotSettings({ region, permissionsBoundaryArn: "stepcord-permissions-boundary" }, context),
    ).to.throw(InvalidBotDeployConfigError, "permissionsBoundaryArn output");
  });

  it("refuses a CPU and memory pair Fargate does not offer, listing the valid ones", () => {
    expect(() => loadBotSettings({ region, cpu: 256, memory: 4096 }, context)).to.throw(
      InvalidBotDeployConfigError,
      "cpu 256 with memory 512/1024/2048",
    );
  });

  it("refuses a parameter name that is not a path", () => {
    expect(() => loadBotSettings({ region, discordTokenParameter: "token" }, context)).to.throw(
      InvalidBotDeployConfigError,
      'starting with "/"',
    );
  });

  it("lists every problem at once instead of stopping at the first", () => {
    let problems: string[] = [];
    try {
      loadBotSettings(
        {
          cpu: 256,
          memory: 4096,
          discordTokenParameter: "token",
          containerInsights: "on",
          logRetentionDays: 10,
        },
        context,
      );
    } catch (error) {
      if (!(error instanceof InvalidBotDeployConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems.map((p) => p.split(/[ :]/)[0])).to.deep.equal([
      "stepcord-bot",
      "stepcord-bot",
      "stepcord-bot",
      "stepcord-bot",
      "aws",
    ]);
  });

  it("treats an empty string as unset rather than as a value", () => {
    expect(loadBotSettings({ region, infraStack: "", discordTokenParameter: "" }, context)).to.include({
      infraStack: "acme/stepcord/prod",
      discordTokenParameter: "/stepcord/prod/discord-token",
    });
  });
});
