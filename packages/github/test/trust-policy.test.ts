import { expect } from "chai";
import { githubOidcTrustPolicy, TrustPolicyError } from "../src/trust-policy.js";

const base = {
  providerArn: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
  owner: "o",
  repo: "r",
};

describe("githubOidcTrustPolicy", () => {
  it("requires the sts.amazonaws.com audience", () => {
    const p = githubOidcTrustPolicy({ ...base, subjects: ["pull_request"] });
    expect(p.Statement[0]?.Condition.StringEquals).to.deep.equal({
      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
    });
  });

  it("emits only the legacy subject when ids are not configured", () => {
    const p = githubOidcTrustPolicy({ ...base, subjects: ["pull_request"] });
    expect(p.Statement[0]?.Condition.StringLike["token.actions.githubusercontent.com:sub"]).to.deep.equal([
      "repo:o/r:pull_request",
    ]);
  });

  it("emits both subject formats when owner and repo ids are given", () => {
    const p = githubOidcTrustPolicy({ ...base, ownerId: "1", repoId: "2", subjects: ["environment:prod"] });
    expect(p.Statement[0]?.Condition.StringLike["token.actions.githubusercontent.com:sub"]).to.deep.equal([
      "repo:o/r:environment:prod",
      "repo:o@1/r@2:environment:prod",
    ]);
  });

  it("trusts only the federated provider, never a wildcard principal", () => {
    const p = githubOidcTrustPolicy({ ...base, subjects: ["pull_request"] });
    expect(p.Statement[0]?.Principal).to.deep.equal({ Federated: base.providerArn });
  });

  it("rejects wildcard subjects and half-configured ids", () => {
    expect(() => githubOidcTrustPolicy({ ...base, subjects: ["*"] })).to.throw(TrustPolicyError);
    expect(() => githubOidcTrustPolicy({ ...base, ownerId: "1", subjects: ["pull_request"] })).to.throw(
      TrustPolicyError,
    );
    expect(() => githubOidcTrustPolicy({ ...base, subjects: [] })).to.throw(TrustPolicyError);
  });
});
