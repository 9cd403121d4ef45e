import { expect } from "chai";
import { parseAmzDate } from "../src/amz-date.js";

describe("parseAmzDate", () => {
  // First in this file (and this file first in the suite): the memo starts out empty here.
  it("answers undefined for an empty or malformed value, never the epoch", () => {
    expect(parseAmzDate("")).to.equal(undefined);
    expect(parseAmzDate("2015-08-30T12:36:00Z")).to.equal(undefined);
    expect(parseAmzDate("20151330T123600Z")).to.equal(undefined);
  });

  it("reads a basic-format timestamp, and the same one again from its memo", () => {
    expect(parseAmzDate("20150830T123600Z")?.toISOString()).to.equal("2015-08-30T12:36:00.000Z");
    expect(parseAmzDate("20150830T123600Z")?.toISOString()).to.equal("2015-08-30T12:36:00.000Z");
  });

  it("hands out a new Date each time, so a caller changing one cannot change the memo", () => {
    const first = parseAmzDate("20260101T000000Z");
    first?.setUTCFullYear(1999);
    expect(parseAmzDate("20260101T000000Z")?.toISOString()).to.equal("2026-01-01T00:00:00.000Z");
  });
});
