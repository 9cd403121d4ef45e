import { expect } from "chai";
import { oneSubnetPerZone } from "../src/one-subnet-per-zone.js";

describe("oneSubnetPerZone", () => {
  it("keeps the first subnet of each zone, in order", () => {
    expect(
      oneSubnetPerZone([
        { id: "subnet-a", availabilityZone: "eu-west-1a" },
        { id: "subnet-b", availabilityZone: "eu-west-1b" },
        { id: "subnet-c", availabilityZone: "eu-west-1a" },
      ]),
    ).to.deep.equal(["subnet-a", "subnet-b"]);
  });
});
