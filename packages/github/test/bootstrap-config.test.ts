import { expect } from "chai";
import {
  BootstrapConfigError,
  loadBootstrapConfig,
  type RawBootstrapConfig,
} from "../src/bootstrap-config.js";

const complete: RawBootstrapConfig = {
  githubOwner: "acme",
  githubRepo: "stepcord",
  githubOwnerId: "11",
  githubRepoId: "22",
};

function problemsOf(raw: RawBootstrapConfig): string[] {
  try {
    loadBootstrapConfig(raw);
  } catch (error) {
    expect(error).to.be.instanceOf(BootstrapConfigError);
    expect((error as BootstrapConfigError).code).to.equal("STEPCORD_INVALID_BOOTSTRAP_CONFIG");
    return (error as BootstrapConfigError).problems;
  }
  return [];
}

describe("loadBootstrapConfig", () => {
  it("accepts names and numeric ids, defaulting the environments to dev and prod", () => {
    expect(loadBootstrapConfig(complete)).to.deep.equal({ ...complete, environments: ["dev", "prod"] });
  });

  it("refuses to run without the numeric ids, naming the gh commands that find them", () => {
    const problems = problemsOf({ githubOwner: "acme", githubRepo: "stepcord" });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include("githubOwnerId and githubRepoId are required");
    expect(problems[0]).to.include("created after 2026-07-15");
    expect(problems[0]).to.include("`gh api repos/acme/stepcord --jq .owner.id`");
    expect(problems[0]).to.include("`gh api repos/acme/stepcord --jq .id`");
    expect(problems[0]).to.include("`pulumi config set githubRepoId <id>`");
  });

  it("names only the id that is missing", () => {
    const [problem] = problemsOf({ ...complete, githubRepoId: undefined });
    expect(problem).to.match(/^githubRepoId is required/);
    expect(problem).to.not.include(".owner.id");
  });

  it("refuses an owner or repository name given where the numeric id belongs", () => {
    expect(problemsOf({ ...complete, githubOwnerId: "acme" })).to.deep.equal([
      'Invalid githubOwnerId "acme". Must be GitHub\'s numeric id: `gh api repos/acme/stepcord --jq .owner.id`.',
    ]);
  });

  it("refuses a KMS alias where the key ARN belongs, since an alias authorizes nothing in IAM", () => {
    const [problem] = problemsOf({
      ...complete,
      kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/pulumi",
    });
    expect(problem).to.include('Invalid kmsKeyArn "arn:aws:kms:eu-west-1:123456789012:alias/pulumi"');
    expect(problem).to.include("Must be a key ARN");
  });

  it("lists every problem at once", () => {
    expect(problemsOf({ environments: [] })).to.have.length(4);
  });
});
