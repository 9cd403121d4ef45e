import { expect } from "chai";
import fc from "fast-check";
import { isQuiet, minutesInZone, type QuietWindow } from "../../src/rules/quiet-hours.js";

const window = (from: string, to: string, timeZone: string): QuietWindow => {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { fromMinutes: minutes(from), toMinutes: minutes(to), timeZone };
};
const quietAt = (w: QuietWindow, iso: string) => isQuiet({ quietHours: w }, Date.parse(iso));

describe("quiet hours", () => {
  it("reads the wall clock of Asia/Tokyo (UTC+9, no DST), wrapping past midnight", () => {
    const tokyo = window("23:00", "07:00", "Asia/Tokyo");
    const table: Array<[string, boolean]> = [
      ["2026-06-01T13:59:00Z", false], // 22:59 JST
      ["2026-06-01T14:00:00Z", true], // 23:00 JST: the start is inclusive
      ["2026-06-01T17:30:00Z", true], // 02:30 JST, past midnight
      ["2026-06-01T21:59:00Z", true], // 06:59 JST
      ["2026-06-01T22:00:00Z", false], // 07:00 JST: the end is exclusive
    ];
    for (const [iso, quiet] of table) expect(quietAt(tokyo, iso), iso).to.equal(quiet);
  });

  it("follows Europe/Berlin across the spring change: 07:00 local is 06:00 UTC on Saturday and 05:00 UTC on Sunday", () => {
    // 2026-03-29 01:00 UTC: CET (UTC+1) becomes CEST (UTC+2) (EU Directive 2000/84/EC, last Sunday of March).
    const berlin = window("22:00", "07:00", "Europe/Berlin");
    expect(quietAt(berlin, "2026-03-28T05:30:00Z"), "06:30 CET").to.equal(true);
    expect(quietAt(berlin, "2026-03-29T05:30:00Z"), "07:30 CEST").to.equal(false);
    expect(quietAt(berlin, "2026-03-29T04:59:00Z"), "06:59 CEST").to.equal(true);
  });

  it("follows Europe/Berlin across the autumn change: 07:00 local is 05:00 UTC on Saturday and 06:00 UTC on Sunday", () => {
    // 2026-10-25 01:00 UTC: CEST becomes CET again (last Sunday of October).
    const berlin = window("22:00", "07:00", "Europe/Berlin");
    expect(quietAt(berlin, "2026-10-24T05:30:00Z"), "07:30 CEST").to.equal(false);
    expect(quietAt(berlin, "2026-10-25T05:30:00Z"), "06:30 CET").to.equal(true);
    expect(quietAt(berlin, "2026-10-24T20:00:00Z"), "22:00 CEST").to.equal(true);
    expect(quietAt(berlin, "2026-10-25T20:59:00Z"), "21:59 CET").to.equal(false);
  });

  it("starts a window whose start the spring change skips at the first wall-clock time after it", () => {
    // 02:00-03:00 does not exist in Berlin on 2026-03-29; 02:30-04:00 is then only 03:00-04:00 CEST.
    const skipped = window("02:30", "04:00", "Europe/Berlin");
    expect(quietAt(skipped, "2026-03-29T00:59:00Z"), "01:59 CET").to.equal(false);
    expect(quietAt(skipped, "2026-03-29T01:00:00Z"), "03:00 CEST").to.equal(true);
    expect(quietAt(skipped, "2026-03-29T02:00:00Z"), "04:00 CEST").to.equal(false);
  });

  it("is never quiet without a window, nor with one that starts where it ends", () => {
    expect(isQuiet({ quietHours: undefined }, Date.parse("2026-06-01T03:00:00Z"))).to.equal(false);
    expect(quietAt(window("07:00", "07:00", "UTC"), "2026-06-01T07:00:00Z")).to.equal(false);
  });

  it("gives the same minutes as the UTC clock shifted by a fixed offset (Etc/GMT-9 is UTC+9)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 0, 1) }), (ms) => {
        const d = new Date(ms);
        expect(minutesInZone(ms, "UTC")).to.equal(d.getUTCHours() * 60 + d.getUTCMinutes());
        const shifted = new Date(ms + 9 * 3_600_000);
        expect(minutesInZone(ms, "Etc/GMT-9")).to.equal(shifted.getUTCHours() * 60 + shifted.getUTCMinutes());
      }),
    );
  });

  it("puts every instant in exactly one of a window and its complement, in any zone", () => {
    const zones = [
      "UTC",
      "Asia/Tokyo",
      "Europe/Berlin",
      "America/New_York",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (from, to, timeZone, ms) => {
          fc.pre(from !== to);
          const inside = isQuiet({ quietHours: { fromMinutes: from, toMinutes: to, timeZone } }, ms);
          const outside = isQuiet({ quietHours: { fromMinutes: to, toMinutes: from, timeZone } }, ms);
          expect(inside).to.not.equal(outside);
        },
      ),
    );
  });
});
