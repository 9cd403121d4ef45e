import { expect } from "chai";
import {
  EVENT_KIND_HELP_WORDS,
  EVENT_KINDS,
  parseSettingsInteraction,
  SettingsCommandError,
  type SettingsCommandErrorCode,
  type SettingsInteraction,
  snowflakeTimeMs,
} from "../src/index.js";
import { SAMPLE, stepcord, str } from "./support/interaction-payloads.js";

const ZONES = ["UTC", "Asia/Tokyo", "Europe/Berlin", "America/New_York"];
const parse = (payload: unknown) => parseSettingsInteraction(payload, { timeZones: ZONES });

function request(result: SettingsInteraction) {
  if (result.type !== "command")
    throw new Error(`expected a command, got ${result.type}: ${JSON.stringify(result)}`);
  return result.request;
}

function rejection(result: SettingsInteraction): { code: SettingsCommandErrorCode; userMessage: string } {
  if (result.type !== "rejected") throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return { code: result.error.code, userMessage: result.error.userMessage };
}

describe("parseSettingsInteraction: who asked", () => {
  it("reads the interaction id, token, guild, channel, member and locale of Discord's sample payload", () => {
    const result = parse(stepcord("status"));
    expect(result.type).to.equal("command");
    expect(result.context).to.include({
      interactionId: SAMPLE.id,
      token: SAMPLE.token,
      applicationId: SAMPLE.application_id,
      guildId: SAMPLE.guild_id,
      channelId: SAMPLE.channel_id,
      userId: SAMPLE.member.user.id,
      locale: "en-US",
    });
  });

  it("dates the interaction by its snowflake, 2020-12-08 for the sample id", () => {
    expect(new Date(parse(stepcord("status")).context.createdAtMs).toISOString()).to.equal(
      new Date(snowflakeTimeMs(SAMPLE.id) as number).toISOString(),
    );
    expect(new Date(parse(stepcord("status")).context.createdAtMs).toISOString().slice(0, 10)).to.equal(
      "2020-12-08",
    );
  });

  it("changes nothing for a member with neither Manage Server nor Administrator, and says so", () => {
    const payload = stepcord("pause", [str("duration", "30m")]);
    const result = parse({ ...payload, member: { ...payload.member, permissions: String(1n << 10n) } });
    expect(rejection(result).code).to.equal("MISSING_PERMISSION");
    expect(rejection(result).userMessage).to.match(/Manage Server.*nothing was changed/);
  });

  it("accepts Manage Server alone and Administrator alone", () => {
    for (const permissions of ["32", "8"]) {
      const payload = stepcord("resume");
      expect(parse({ ...payload, member: { ...payload.member, permissions } }).type).to.equal("command");
    }
  });

  it("rejects a DM, which carries a user and no member or guild", () => {
    const { member: _member, guild_id: _guild, ...dm } = stepcord("resume");
    expect(rejection(parse({ ...dm, user: SAMPLE.member.user })).code).to.equal("NOT_IN_GUILD");
  });

  it("throws when there is no token to answer with", () => {
    const { token: _token, ...noToken } = stepcord("status");
    expect(() => parse(noToken)).to.throw(SettingsCommandError, /MALFORMED_INTERACTION/);
  });

  it("rejects another command or an unknown subcommand", () => {
    expect(rejection(parse({ ...stepcord("status"), data: { name: "other", type: 1 } })).code).to.equal(
      "UNKNOWN_COMMAND",
    );
    expect(rejection(parse(stepcord("explode"))).code).to.equal("UNKNOWN_COMMAND");
  });
});

describe("parseSettingsInteraction: pause", () => {
  it("reads 30m as thirty minutes from when Discord created the interaction", () => {
    const created = snowflakeTimeMs(SAMPLE.id) as number;
    expect(request(parse(stepcord("pause", [str("duration", "30m")])))).to.deep.equal({
      kind: "pause",
      durationMs: 30 * 60_000,
      untilMs: created + 30 * 60_000,
    });
  });

  it("reads 1h30m and 2H", () => {
    expect(request(parse(stepcord("pause", [str("duration", "1h30m")])))).to.include({
      durationMs: 90 * 60_000,
    });
    expect(request(parse(stepcord("pause", [str("duration", "2H")])))).to.include({
      durationMs: 2 * 3_600_000,
    });
  });

  it("pauses until resume when no duration is given", () => {
    expect(request(parse(stepcord("pause")))).to.deep.equal({
      kind: "pause",
      durationMs: null,
      untilMs: null,
    });
  });

  it("refuses more than 7d, naming the allowed forms and the maximum", () => {
    const { code, userMessage } = rejection(parse(stepcord("pause", [str("duration", "8d")])));
    expect(code).to.equal("INVALID_DURATION");
    expect(userMessage).to.include("30m, 2h, 1d").and.to.include("7d");
  });

  it("refuses words, and repeats them escaped", () => {
    const { userMessage } = rejection(parse(stepcord("pause", [str("duration", "**soon** @everyone")])));
    expect(userMessage).to.include("\\*\\*soon\\*\\* \\@everyone");
    expect(userMessage).not.to.match(/(^|[^\\])@everyone/);
  });
});

describe("parseSettingsInteraction: quiet", () => {
  it("reads /stepcord quiet 23 7 Asia/Tokyo", () => {
    const r = request(
      parse(stepcord("quiet", [str("from", "23"), str("to", "7"), str("timezone", "Asia/Tokyo")])),
    );
    expect(r).to.deep.equal({
      kind: "quiet",
      from: "23:00",
      to: "07:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("reads HH:MM and spells the zone as Intl does", () => {
    const r = request(
      parse(stepcord("quiet", [str("from", "22:30"), str("to", "06:15"), str("timezone", "asia/tokyo")])),
    );
    expect(r).to.deep.include({
      from: "22:30",
      to: "06:15",
      timeZone: "Asia/Tokyo",
    });
  });

  it("keeps the zone undefined when none is given", () => {
    expect(request(parse(stepcord("quiet", [str("from", "1"), str("to", "5")])))).to.include({
      timeZone: undefined,
    });
  });

  it("refuses hour 24 and minute 60, saying 0-23 or HH:MM", () => {
    for (const bad of ["24", "7:60", "seven"]) {
      const { code, userMessage } = rejection(parse(stepcord("quiet", [str("from", bad), str("to", "7")])));
      expect(code).to.equal("INVALID_CLOCK_TIME");
      expect(userMessage).to.include("0-23").and.to.include("HH:MM");
    }
  });

  it("refuses the same time twice, pointing at quiet-off", () => {
    expect(
      rejection(parse(stepcord("quiet", [str("from", "7"), str("to", "07:00")]))).userMessage,
    ).to.include("quiet-off");
  });

  it("refuses a zone that is not IANA, such as JST or +09:00", () => {
    for (const bad of ["JST", "+09:00", "Mars/Olympus"]) {
      const { code } = rejection(
        parse(stepcord("quiet", [str("from", "1"), str("to", "5"), str("timezone", bad)])),
      );
      expect(code).to.equal("INVALID_TIME_ZONE");
    }
  });

  it("checks zones against Intl.supportedValuesOf('timeZone') by default", () => {
    const zone = Intl.supportedValuesOf("timeZone").find((z) => z.startsWith("Pacific/")) as string;
    const r = parseSettingsInteraction(
      stepcord("quiet", [str("from", "1"), str("to", "5"), str("timezone", zone)]),
    );
    expect(request(r)).to.include({ timeZone: zone });
  });

  it("reads quiet-off", () => {
    expect(request(parse(stepcord("quiet-off")))).to.deep.equal({ kind: "quiet-off" });
  });
});

describe("parseSettingsInteraction: min-members, events, ignore", () => {
  it("reads min-members 3", () => {
    expect(request(parse(stepcord("min-members", [{ type: 4, name: "count", value: 3 }])))).to.deep.equal({
      kind: "min-members",
      minMembers: 3,
    });
  });

  it("refuses 100 and 2.5 although Discord's client would have stopped them", () => {
    for (const value of [100, 2.5])
      expect(rejection(parse(stepcord("min-members", [{ type: 4, name: "count", value }]))).code).to.equal(
        "INVALID_MIN_MEMBERS",
      );
  });

  it("reads event kinds in any order and case, with commas or spaces, in the list's order", () => {
    expect(request(parse(stepcord("events", [str("kinds", "Stream, join  leave,stream")])))).to.deep.equal({
      kind: "events",
      events: ["join", "leave", "stream"],
    });
  });

  it("reads the issue's words stage, mute and deafen as issue 14's speaker, serverMute and serverDeaf", () => {
    expect(request(parse(stepcord("events", [str("kinds", "deafen stage mute")])))).to.deep.equal({
      kind: "events",
      events: ["speaker", "serverMute", "serverDeaf"],
    });
  });

  it("takes the kinds' own names too, in any case", () => {
    expect(request(parse(stepcord("events", [str("kinds", "serverMute SPEAKER")])))).to.deep.include({
      events: ["speaker", "serverMute"],
    });
  });

  it("reads all as every kind", () => {
    expect(request(parse(stepcord("events", [str("kinds", "all")])))).to.deep.equal({
      kind: "events",
      events: EVENT_KINDS,
    });
  });

  it("refuses an unknown kind, listing the allowed ones", () => {
    const { code, userMessage } = rejection(parse(stepcord("events", [str("kinds", "join party")])));
    expect(code).to.equal("INVALID_EVENT_KINDS");
    expect(userMessage).to.include("“party”").and.to.include(EVENT_KIND_HELP_WORDS.join(", "));
  });

  const channel = (sub: string, type: number) =>
    stepcord(sub, [{ type: 7, name: "channel", value: "41771983423143937" }], {
      resolved: { channels: { "41771983423143937": { id: "41771983423143937", type, name: "General" } } },
    });

  it("reads ignore and unignore of a voice or stage channel", () => {
    expect(request(parse(channel("ignore", 2)))).to.deep.equal({
      kind: "ignore",
      channelId: "41771983423143937",
    });
    expect(request(parse(channel("unignore", 13)))).to.deep.equal({
      kind: "unignore",
      channelId: "41771983423143937",
    });
  });

  it("refuses a text channel smuggled past the picker's channel_types", () => {
    expect(rejection(parse(channel("ignore", 0))).code).to.equal("INVALID_CHANNEL");
  });
});

describe("parseSettingsInteraction: autocomplete", () => {
  it("reads the focused time zone of a type 4 interaction, even with required options still missing", () => {
    const result = parse(stepcord("quiet", [str("timezone", "tok", true)], {}, 4));
    expect(result).to.deep.include({ type: "autocomplete", option: "timezone", query: "tok" });
  });
});

describe("parseSettingsInteraction: event words are a closed list", () => {
  it("refuses an inherited property name such as constructor or __proto__", () => {
    for (const word of ["constructor", "__proto__", "tostring"]) {
      const result = parseSettingsInteraction(stepcord("events", [str("kinds", word)]));
      expect(result.type === "rejected" && result.error.code).to.equal("INVALID_EVENT_KINDS");
    }
  });
});
