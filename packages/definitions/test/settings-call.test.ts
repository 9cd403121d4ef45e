import { expect } from "chai";
import type { z } from "zod";
import {
  memberPermissionsSplit,
  noServerSettings,
  parseSettingsInteraction,
  ServerSettings,
  SettingsAnswer,
  SettingsCall,
  type SettingsRequest,
  type SettingsRequestWire,
  settingsRequestWire,
} from "../src/index.js";
import { SAMPLE, stepcord, str } from "./support/interaction-payloads.js";

const int = (name: string, value: number) => ({ type: 4, name, value });

// Compile-time: every request the parser can produce becomes a wire request through settingsRequestWire.
const _wire = (request: SettingsRequest): z.input<typeof SettingsRequestWire> => settingsRequestWire(request);
void _wire;

const ZONES = ["UTC", "Asia/Tokyo"];

describe("SettingsCall", () => {
  it("carries what the parser read of a real interaction, and the workflow's schema accepts it", () => {
    const parsed = parseSettingsInteraction(
      stepcord("quiet", [str("from", "23"), str("to", "7"), str("timezone", "Asia/Tokyo")]),
      { timeZones: ZONES },
    );
    if (parsed.type !== "command") throw new Error(JSON.stringify(parsed));
    const call = SettingsCall.parse({
      version: 1,
      interactionId: parsed.context.interactionId,
      guildId: parsed.context.guildId,
      userId: parsed.context.userId,
      memberPermissions: SAMPLE.member.permissions,
      ...memberPermissionsSplit(SAMPLE.member.permissions),
      request: settingsRequestWire(parsed.request),
    });
    expect(call.request).to.deep.equal({ kind: "quiet", from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" });
  });

  it("refuses a call that carries the interaction token: it must never reach execution input", () => {
    const call = {
      version: 1,
      interactionId: SAMPLE.id,
      guildId: SAMPLE.guild_id,
      userId: SAMPLE.member.user.id,
      memberPermissions: "32",
      ...memberPermissionsSplit("32"),
      request: { kind: "status" },
    };
    expect(SettingsCall.safeParse(call).success).to.equal(true);
    expect(SettingsCall.safeParse({ ...call, token: SAMPLE.token }).success).to.equal(false);
  });

  it("refuses a permission split that is not memberPermissionsSplit of the value", () => {
    const call = {
      version: 1,
      interactionId: SAMPLE.id,
      guildId: SAMPLE.guild_id,
      userId: SAMPLE.member.user.id,
      memberPermissions: "2251799813685247",
      memberPermissionsLow6: "685247",
      memberPermissionsHigh: "2251799813",
      request: { kind: "status" },
    };
    expect(SettingsCall.safeParse(call).success).to.equal(true);
    expect(SettingsCall.safeParse({ ...call, memberPermissionsLow6: "000032" }).success).to.equal(false);
    expect(SettingsCall.safeParse({ ...call, memberPermissionsHigh: "22517998136" }).success).to.equal(false);
  });

  it("refuses a min-members outside 0-99 even if a caller skipped the parser", () => {
    const parsed = parseSettingsInteraction(stepcord("min-members", [int("count", 3)]), { timeZones: ZONES });
    if (parsed.type !== "command") throw new Error(JSON.stringify(parsed));
    expect(() => settingsRequestWire({ kind: "min-members", minMembers: 100 })).to.throw();
  });

  it("gives a pause's end as ISO 8601 too, the form the workflow stores without date functions", () => {
    const untilMs = Date.UTC(2026, 11, 7, 9, 30);
    expect(settingsRequestWire({ kind: "pause", durationMs: 1_800_000, untilMs })).to.deep.equal({
      kind: "pause",
      durationMs: 1_800_000,
      untilMs,
      until: "2026-12-07T09:30:00.000Z",
    });
    expect(settingsRequestWire({ kind: "pause", durationMs: null, untilMs: null })).to.include({
      until: null,
    });
  });
});

describe("ServerSettings and SettingsAnswer", () => {
  it("describes a server nobody configured as version 0, not paused, nothing ignored", () => {
    const settings = ServerSettings.parse(noServerSettings("111111111111111111"));
    expect(settings).to.include({ version: 0, pausedUntil: null });
    expect(SettingsAnswer.parse({ outcome: "status", settings }).outcome).to.equal("status");
  });
});
