import { readFileSync } from "node:fs";
import { expect } from "chai";
import {
  ecsTaskExecutionPolicyArn,
  IAM_POLICY_ARN,
  KMS_KEY_ARN,
  qualifiedStackName,
  STEPCORD_VERSION,
  ssmParameterArn,
} from "../src/index.js";

describe("qualifiedStackName", () => {
  it("joins organization, project and stack with slashes", () => {
    expect(qualifiedStackName({ organization: "acme", project: "stepcord", stack: "dev" })).to.equal(
      "acme/stepcord/dev",
    );
  });

  it("refuses an empty organization instead of building /stepcord/dev", () => {
    expect(() => qualifiedStackName({ organization: "", project: "stepcord", stack: "dev" })).to.throw(
      TypeError,
      "Invalid organization",
    );
  });
});

describe("ARN patterns", () => {
  it("accepts IAM policy ARNs in every partition and refuses bare names", () => {
    expect(IAM_POLICY_ARN.test("arn:aws:iam::123456789012:policy/stepcord-permissions-boundary")).to.equal(
      true,
    );
    expect(IAM_POLICY_ARN.test("arn:aws-us-gov:iam::123456789012:policy/x")).to.equal(true);
    expect(IAM_POLICY_ARN.test("stepcord-permissions-boundary")).to.equal(false);
  });

  it("accepts KMS key ARNs and refuses aliases", () => {
    expect(KMS_KEY_ARN.test("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab")).to.equal(true);
    expect(KMS_KEY_ARN.test("arn:aws:kms:eu-west-1:123456789012:alias/stepcord")).to.equal(false);
  });

  it("builds SSM parameter ARNs with the path's leading slash", () => {
    expect(
      ssmParameterArn({ partition: "aws", region: "eu-west-1", account: "123456789012", name: "/a/b" }),
    ).to.equal("arn:aws:ssm:eu-west-1:123456789012:parameter/a/b");
  });

  it("refuses an SSM parameter name that is not a path", () => {
    expect(() =>
      ssmParameterArn({ partition: "aws", region: "eu-west-1", account: "123456789012", name: "token" }),
    ).to.throw(TypeError, 'starting with "/"');
  });

  it("names the ECS task execution policy in the caller's partition", () => {
    expect(ecsTaskExecutionPolicyArn("aws-cn")).to.equal(
      "arn:aws-cn:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
    );
  });
});

describe("STEPCORD_VERSION", () => {
  it("is the version in the repository's package.json, the one place a release bumps", () => {
    const root = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    expect(STEPCORD_VERSION).to.equal(root.version);
  });
});
