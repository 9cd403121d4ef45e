import { expect } from "chai";
import { githubOidcTrustPolicy, TrustPolicyError } from "../src/trust-policy.js";

const base = {
  providerArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  owner: "o",
  repo: "r",
  ownerId: "1",
  repoId: "2",
};
const subjectsOf = (policy: ReturnType<typeof githubOidcTrustPolicy>) =>
  policy.Statement[0]?.Condition.StringLike["token.actions.githubusercontent.com:sub"];

describe("githubOidcTrustPolicy", () => {
  it("requires the sts.amazonaws.com audience", () => {
    const p = githubOidcTrustPolicy({ ...base, subjects: ["pull_request"] });
    expect(p.Statement[0]?.Condition.StringEquals).to.deep.equal({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
    });
  });

  it("trusts both subject formats, names for older repositories and numeric ids for those created after 2026-07-15", () => {
    const p = githubOidcTrustPolicy({ ...base, subjects: ["environment:prod", "pull_request"] });
    expect(subjectsOf(p)).to.deep.equal([
      "repo:o/r:environment:prod",
      "repo:o@1/r@2:environment:prod",
      "repo:o/r:pull_request",
      "repo:o@1/r@2:pull_request",
    ]);
  });

  it("trusts only the federated provider, never a wildcard principal", () => {
    const p = githubOidcTrustPolicy({ ...base, subjects: ["pull_request"] });
    expect(p.Statement[0]?.Principal).to.deep.equal({ Federated: base.providerArn });
  });

  it("rejects wildcard subjects and an empty subject list", () => {
    expect(() => githubOidcTrustPolicy({ ...base, subjects: ["*"] })).to.throw(TrustPolicyError);
    expect(() => githubOidcTrustPolicy({ ...base, subjects: [] })).to.throw(TrustPolicyError);
  });

  it("rejects a missing or non-numeric id, naming the gh command that finds it", () => {
    expect(() => githubOidcTrustPolicy({ ...base, repoId: "", subjects: ["pull_request"] })).to.throw(
      TrustPolicyError,
      "gh api repos/o/r --jq .id",
    );
    expect(() => githubOidcTrustPolicy({ ...base, ownerId: "o", subjects: ["pull_request"] })).to.throw(
      TrustPolicyError,
      'Invalid githubOwnerId "o"',
    );
  });
});
