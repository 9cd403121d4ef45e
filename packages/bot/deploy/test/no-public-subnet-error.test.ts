import { expect } from "chai";
import { NoPublicSubnetError, requirePublicSubnets } from "../src/no-public-subnet-error.js";

describe("requirePublicSubnets", () => {
  it("passes the default VPC's public subnets through", () => {
    expect(requirePublicSubnets(["subnet-a", "subnet-b"])).to.deep.equal(["subnet-a", "subnet-b"]);
  });

  it("refuses a default VPC without public subnets, saying how to make one", () => {
    expect(() => requirePublicSubnets([])).to.throw(NoPublicSubnetError, "--map-public-ip-on-launch");
  });
});
