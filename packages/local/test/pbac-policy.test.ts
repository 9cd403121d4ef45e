import { policyDocument } from "@stepcord/definitions";
import { expect } from "chai";
import { PBAC, pbacPolicy } from "../src/pbac-policy.js";

describe("pbacPolicy", () => {
  const noResource = policyDocument({ Effect: "Allow", Action: "sts:AssumeRole" });
  const request = { action: "sts:AssumeRole", resource: "arn:aws:iam::000000000000:role/r" };

  it("lets an identity policy's statement without Resource match nothing, as IAM refuses such a statement", () => {
    expect(new PBAC([pbacPolicy(noResource, "identity")]).evaluate(request)).to.equal(false);
  });

  it("lets a trust policy's statement without Resource apply to the role it is attached to", () => {
    expect(new PBAC([pbacPolicy(noResource, "trust")]).evaluate(request)).to.equal(true);
  });
});
