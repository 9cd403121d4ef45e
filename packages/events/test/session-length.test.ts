import { expect } from "chai";
import fc from "fast-check";
import { formatSessionLength } from "../src/index.js";

describe("formatSessionLength", () => {
  it("says seconds under a minute, minutes under an hour, hours and minutes under a day, then days", () => {
    expect(formatSessionLength(0)).to.equal("0s");
    expect(formatSessionLength(59)).to.equal("59s");
    expect(formatSessionLength(60)).to.equal("1m");
    expect(formatSessionLength(3905)).to.equal("1h 05m");
    expect(formatSessionLength(90_000)).to.equal("1d 01h");
  });

  it("refuses negative and fractional lengths with a message naming the rule", () => {
    expect(() => formatSessionLength(-1)).to.throw(RangeError, /whole, non-negative/);
    expect(() => formatSessionLength(1.5)).to.throw(RangeError, /whole, non-negative/);
  });

  it("always fits the contract's 40-character session text", () => {
    fc.assert(fc.property(fc.nat({ max: 10 * 365 * 86_400 }), (s) => formatSessionLength(s).length <= 40));
  });
});
