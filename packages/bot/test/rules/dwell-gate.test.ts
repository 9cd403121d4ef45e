import type { VoiceEventInput } from "@stepcord/events";
import { joinEvent, leaveEvent, moveEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { DwellGate } from "../../src/rules/dwell-gate.js";
import { manualSchedule } from "../support/manual-schedule.js";

const sameMember = <E extends VoiceEventInput>(event: E): E => ({
  ...event,
  guild: joinEvent.guild,
  user: joinEvent.user,
});

describe("DwellGate", () => {
  it("passes every event straight through when no dwell time is set", () => {
    const out: VoiceEventInput[] = [];
    const gate = new DwellGate({
      rulesFor: () => ({ dwellMs: 0 }),
      emit: (e) => out.push(e),
      schedule: manualSchedule().schedule,
    });
    gate.offer(joinEvent);
    gate.offer(sameMember(leaveEvent));
    expect(out.map((e) => e.type)).to.deep.equal(["join", "leave"]);
  });

  it("reports nothing for a visit shorter than the dwell time", () => {
    const out: VoiceEventInput[] = [];
    const clock = manualSchedule();
    const gate = new DwellGate({
      rulesFor: () => ({ dwellMs: 30_000 }),
      emit: (e) => out.push(e),
      schedule: clock.schedule,
    });
    gate.offer(joinEvent);
    gate.offer(sameMember(leaveEvent));
    clock.fireAll();
    expect(out).to.deep.equal([]);
    expect(gate.size).to.equal(0);
  });

  it("announces a join that outlasts the dwell time, with its original occurredAt, and later reports the leave", () => {
    const out: VoiceEventInput[] = [];
    const clock = manualSchedule();
    const gate = new DwellGate({
      rulesFor: () => ({ dwellMs: 30_000 }),
      emit: (e) => out.push(e),
      schedule: clock.schedule,
    });
    gate.offer(joinEvent);
    expect(out).to.deep.equal([]);
    clock.fireAll();
    expect(out).to.deep.equal([joinEvent]);
    gate.offer(sameMember(leaveEvent));
    expect(out.map((e) => e.type)).to.deep.equal(["join", "leave"]);
  });

  it("retargets a pending join to the channel the member moved to", () => {
    const out: VoiceEventInput[] = [];
    const clock = manualSchedule();
    const gate = new DwellGate({
      rulesFor: () => ({ dwellMs: 30_000 }),
      emit: (e) => out.push(e),
      schedule: clock.schedule,
    });
    gate.offer(joinEvent);
    const move = sameMember(moveEvent);
    gate.offer(move);
    clock.fireAll();
    expect(out).to.have.length(1);
    expect(out[0]).to.include({ type: "join", occurredAt: joinEvent.occurredAt });
    expect(out[0]?.channel).to.deep.equal(move.channel);
  });

  it("drops joins still waiting when it stops, and leaves no timer behind", () => {
    const out: VoiceEventInput[] = [];
    const clock = manualSchedule();
    const gate = new DwellGate({
      rulesFor: () => ({ dwellMs: 30_000 }),
      emit: (e) => out.push(e),
      schedule: clock.schedule,
    });
    gate.offer(joinEvent);
    gate.stop();
    expect(clock.pending()).to.equal(0);
    expect(out).to.deep.equal([]);
  });
});

describe("DwellGate with rules per guild", () => {
  it("holds a join for its own guild's dwell time: one guild waits while another announces at once", () => {
    const out: VoiceEventInput[] = [];
    const clock = manualSchedule();
    const otherGuild = { id: "100000000000000077", name: "Other Guild" };
    const gate = new DwellGate({
      rulesFor: (guildId) => ({ dwellMs: guildId === otherGuild.id ? 0 : 30_000 }),
      emit: (e) => out.push(e),
      schedule: clock.schedule,
    });
    gate.offer(joinEvent);
    gate.offer({ ...joinEvent, guild: otherGuild });
    expect(out.map((e) => e.guild.id)).to.deep.equal([otherGuild.id]);
    clock.fireAll();
    expect(out.map((e) => e.guild.id)).to.deep.equal([otherGuild.id, joinEvent.guild.id]);
  });
});
