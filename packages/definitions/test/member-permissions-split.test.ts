import { expect } from "chai";
import fc from "fast-check";
import { memberPermissionsSplit } from "../src/index.js";

describe("memberPermissionsSplit", () => {
  it("cuts an administrator's value into the digits before the last six and those six", () => {
    expect(memberPermissionsSplit("2251799813685247")).to.deep.equal({
      memberPermissionsHigh: "2251799813",
      memberPermissionsLow6: "685247",
    });
  });

  it("left-pads a value of fewer than six digits with zeros and leaves the high part empty", () => {
    expect(memberPermissionsSplit("32")).to.deep.equal({
      memberPermissionsHigh: "",
      memberPermissionsLow6: "000032",
    });
    expect(memberPermissionsSplit("0")).to.deep.equal({
      memberPermissionsHigh: "",
      memberPermissionsLow6: "000000",
    });
  });

  it("keeps bits 0-5 in the six digits, since 10^6 is a multiple of 64 (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (bits) => {
        const split = memberPermissionsSplit(bits.toString());
        expect(BigInt(split.memberPermissionsHigh + split.memberPermissionsLow6)).to.equal(bits);
        expect(BigInt(split.memberPermissionsLow6) % 64n).to.equal(bits % 64n);
      }),
    );
  });

  it("refuses text that is not a decimal bitfield, naming the value", () => {
    expect(() => memberPermissionsSplit("3e1")).to.throw(TypeError, /Invalid memberPermissions "3e1"/);
  });
});
