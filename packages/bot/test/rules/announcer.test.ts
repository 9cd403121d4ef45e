import type { VoiceEventInput } from "@stepcord/events";
import { joinEvent, leaveEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { Announcer } from "../../src/rules/announcer.js";
import { manualSchedule } from "../support/manual-schedule.js";

const OTHER_USER = { id: "300000000000000009", displayName: "Zed", isGuest: false };
const adaLeaves: VoiceEventInput = { ...leaveEvent, user: joinEvent.user, channel: joinEvent.channel };
const zedJoins: VoiceEventInput = { ...joinEvent, user: OTHER_USER };

describe("Announcer", () => {
  const rig = (rules: { dwellMs: number; userCooldownMs: number; channelCooldownMs: number }) => {
    const out: VoiceEventInput[] = [];
    const clock = manualSchedule();
    let nowMs = 0;
    const announcer = new Announcer({
      rulesFor: () => rules,
      emit: (e) => out.push(e),
      now: () => nowMs,
      schedule: clock.schedule,
    });
    return { out, clock, announcer, at: (ms: number) => (nowMs = ms) };
  };

  it("a short visit dropped by the dwell time does not start the user cooldown", () => {
    const { out, clock, announcer, at } = rig({
      dwellMs: 30_000,
      userCooldownMs: 600_000,
      channelCooldownMs: 0,
    });
    announcer.offer(joinEvent);
    at(5_000);
    announcer.offer(adaLeaves);
    at(10_000);
    announcer.offer(joinEvent);
    at(40_000);
    clock.fireAll();
    expect(out.map((e) => e.type)).to.deep.equal(["join"]);
  });

  it("a short visit dropped by the dwell time does not start the channel cooldown for the next member", () => {
    const { out, clock, announcer, at } = rig({
      dwellMs: 30_000,
      userCooldownMs: 0,
      channelCooldownMs: 600_000,
    });
    announcer.offer(joinEvent);
    announcer.offer(adaLeaves);
    at(10_000);
    announcer.offer(zedJoins);
    at(40_000);
    clock.fireAll();
    expect(out.map((e) => e.user.displayName)).to.deep.equal(["Zed"]);
  });

  it("reports a leave inside the user cooldown with its session length", () => {
    const { out, announcer, at } = rig({ dwellMs: 0, userCooldownMs: 600_000, channelCooldownMs: 600_000 });
    announcer.offer(joinEvent);
    at(60_000);
    announcer.offer(adaLeaves);
    expect(out.map((e) => e.type)).to.deep.equal(["join", "leave"]);
    expect(out[1]).to.have.property("session").that.deep.equals({ seconds: 3905, text: "1h 05m" });
  });

  it("holds back a rejoin inside the user cooldown after an announced visit, but still reports both leaves", () => {
    const { out, announcer, at } = rig({ dwellMs: 0, userCooldownMs: 600_000, channelCooldownMs: 0 });
    announcer.offer(joinEvent);
    at(60_000);
    announcer.offer(adaLeaves);
    at(120_000);
    announcer.offer(joinEvent);
    at(180_000);
    announcer.offer(adaLeaves);
    expect(out.map((e) => e.type)).to.deep.equal(["join", "leave", "leave"]);
  });
});
