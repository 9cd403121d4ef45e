import type { VoiceEventInput } from "@stepcord/events";
import { joinEvent, leaveEvent, moveEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { JoinCooldowns } from "../../src/rules/join-cooldowns.js";

const OTHER_USER = { id: "300000000000000009", displayName: "Zed", isGuest: false };
const adaLeaves: VoiceEventInput = { ...leaveEvent, user: joinEvent.user, channel: joinEvent.channel };
const zedJoins: VoiceEventInput = { ...joinEvent, user: OTHER_USER };

describe("JoinCooldowns", () => {
  it("holds back a member's second join inside the user cooldown and admits it once the cooldown has passed", () => {
    const cooldowns = new JoinCooldowns({
      rulesFor: () => ({ userCooldownMs: 60_000, channelCooldownMs: 0 }),
    });
    expect(cooldowns.admit(joinEvent, 0)).to.equal(true);
    expect(cooldowns.admit(joinEvent, 59_999)).to.equal(false);
    expect(cooldowns.admit(joinEvent, 60_000)).to.equal(true);
  });

  it("holds back any member's join into a channel inside the channel cooldown", () => {
    const cooldowns = new JoinCooldowns({
      rulesFor: () => ({ userCooldownMs: 0, channelCooldownMs: 60_000 }),
    });
    expect(cooldowns.admit(joinEvent, 0)).to.equal(true);
    expect(cooldowns.admit(zedJoins, 1_000)).to.equal(false);
  });

  it("never holds back a leave or a move, even right after the member's own announced join", () => {
    const cooldowns = new JoinCooldowns({
      rulesFor: () => ({ userCooldownMs: 60_000, channelCooldownMs: 60_000 }),
    });
    expect(cooldowns.admit(joinEvent, 0)).to.equal(true);
    expect(cooldowns.admit(moveEvent, 1_000)).to.equal(true);
    expect(cooldowns.admit(adaLeaves, 2_000)).to.equal(true);
  });

  it("a held-back join does not restart the cooldown", () => {
    const cooldowns = new JoinCooldowns({
      rulesFor: () => ({ userCooldownMs: 60_000, channelCooldownMs: 0 }),
    });
    cooldowns.admit(joinEvent, 0);
    cooldowns.admit(joinEvent, 50_000);
    expect(cooldowns.admit(joinEvent, 60_000)).to.equal(true);
  });
});
