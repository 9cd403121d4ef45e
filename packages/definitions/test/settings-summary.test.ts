import { expect } from "chai";
import fc from "fast-check";
import {
  canonicalJson,
  describeSettingsChange,
  escapeUserText,
  isWithinQuietHours,
  MAX_PAUSE_MS,
  MIN_PAUSE_MS,
  parseDuration,
} from "../src/index.js";

describe("describeSettingsChange", () => {
  it("shows a timed pause's end with Discord timestamp markup, full and relative", () => {
    const untilMs = Date.UTC(2026, 11, 7, 9, 30);
    expect(describeSettingsChange({ kind: "pause", durationMs: 1_800_000, untilMs })).to.equal(
      `Notices are paused until <t:${untilMs / 1000}:f> (<t:${untilMs / 1000}:R>). \`/stepcord resume\` ends it sooner.`,
    );
  });

  it("says an open pause lasts until resume", () => {
    expect(describeSettingsChange({ kind: "pause", durationMs: null, untilMs: null })).to.include(
      "/stepcord resume",
    );
  });

  it("shows quiet hours with zero-padded times and the zone, UTC when none was given", () => {
    expect(
      describeSettingsChange({
        kind: "quiet",
        from: "23:00",
        to: "07:05",
        timeZone: "Asia/Tokyo",
      }),
    ).to.equal("Quiet hours are 23:00–07:05 (Asia/Tokyo): notices in them are sent silently.");
    expect(
      describeSettingsChange({
        kind: "quiet",
        from: "01:00",
        to: "05:00",
        timeZone: undefined,
      }),
    ).to.include("(UTC)");
  });

  it("names a channel by mention, which renders without pinging anyone", () => {
    expect(describeSettingsChange({ kind: "ignore", channelId: "201" })).to.include("<#201>");
  });

  it("says 0 members means no threshold", () => {
    expect(describeSettingsChange({ kind: "min-members", minMembers: 0 })).to.include("however few");
    expect(describeSettingsChange({ kind: "min-members", minMembers: 3 })).to.include("at least 3");
  });

  it("lists the event kinds turned on", () => {
    expect(describeSettingsChange({ kind: "events", events: ["join", "stream"] })).to.include("join, stream");
  });
});

describe("isWithinQuietHours", () => {
  const tokyo = { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" };

  it("is quiet at 00:00 in Tokyo (15:00 UTC), across midnight", () => {
    expect(isWithinQuietHours(tokyo, Date.UTC(2026, 11, 7, 15, 0))).to.equal(true);
  });

  it("is not quiet at 07:00 in Tokyo: the end is exclusive", () => {
    expect(isWithinQuietHours(tokyo, Date.UTC(2026, 11, 7, 22, 0))).to.equal(false);
  });

  it("is quiet from 23:00 in Tokyo: the start is inclusive", () => {
    expect(isWithinQuietHours(tokyo, Date.UTC(2026, 11, 7, 14, 0))).to.equal(true);
    expect(isWithinQuietHours(tokyo, Date.UTC(2026, 11, 7, 13, 59))).to.equal(false);
  });

  it("follows daylight saving: 22:00-06:00 Berlin starts at 20:00 UTC in summer, 21:00 UTC in winter", () => {
    const berlin = { from: "22:00", to: "06:00", timeZone: "Europe/Berlin" };
    expect(isWithinQuietHours(berlin, Date.UTC(2026, 6, 1, 20, 30))).to.equal(true);
    expect(isWithinQuietHours(berlin, Date.UTC(2026, 0, 15, 20, 30))).to.equal(false);
  });

  it("reads a window inside one day (13:30-14:00 UTC)", () => {
    const lunch = { from: "13:30", to: "14:00", timeZone: undefined };
    expect(isWithinQuietHours(lunch, Date.UTC(2026, 11, 7, 13, 45))).to.equal(true);
    expect(isWithinQuietHours(lunch, Date.UTC(2026, 11, 7, 14, 0))).to.equal(false);
  });
});

describe("laws (fast-check)", () => {
  it("escapeUserText leaves no markdown, mention or line-break character unescaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const stripped = escapeUserText(text).replace(/\\[\s\S]/g, "");
        expect(stripped).not.to.match(/[\\`*_~|>#\-[\]()<@:/\n\r]/);
      }),
    );
  });

  it("canonicalJson does not depend on the order of object keys at any depth", () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(reverseKeys(value))).to.equal(canonicalJson(value));
      }),
    );
  });

  it("parseDuration reads NdNhNm as their sum, and only from 1m to 7d", () => {
    fc.assert(
      fc.property(fc.nat(9), fc.nat(200), fc.nat(600), (d, h, m) => {
        const ms = ((d * 24 + h) * 60 + m) * 60_000;
        const expected = ms >= MIN_PAUSE_MS && ms <= MAX_PAUSE_MS ? ms : undefined;
        expect(parseDuration(`${d}d${h}h${m}m`)).to.equal(expected);
      }),
    );
  });
});
