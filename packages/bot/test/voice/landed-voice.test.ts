import { expect } from "chai";
import { LandedVoice } from "../../src/voice/landed-voice.js";
import type { SavedVoiceMember } from "../../src/voice/voice-tracker.js";
import { savedMember } from "../support/voice-members.js";

const member = (userId: string): SavedVoiceMember => savedMember(userId, "c1");

function rig() {
  let inVoice: SavedVoiceMember[] = [];
  const landedGuilds: string[] = [];
  const voice = new LandedVoice({
    announced: () => inVoice,
    now: () => 5,
    lastSeq: 41,
    onLanded: (guildId) => landedGuilds.push(guildId),
  });
  return { voice, landedGuilds, set: (members: SavedVoiceMember[]) => (inVoice = members) };
}

describe("LandedVoice", () => {
  it("numbers checkpoints after the highest number found on disk, in the order taken", () => {
    const { voice } = rig();
    expect([voice.take("g1").seq, voice.take("g2").seq, voice.take("g1").seq]).to.deep.equal([42, 43, 44]);
  });

  it("offers a guild's newest landed checkpoint and never moves back to an older one that lands later", () => {
    const { voice, set, landedGuilds } = rig();
    set([member("u1")]);
    const older = voice.take("g1");
    set([member("u1"), member("u2")]);
    const newer = voice.take("g1");
    voice.land(newer);
    voice.land(older);
    expect(voice.of("g1")?.members).to.have.length(2);
    expect(landedGuilds).to.deep.equal(["g1"]);
  });

  it("offers nothing to save for a guild until a checkpoint of it lands", () => {
    const { voice } = rig();
    voice.take("g1");
    expect(voice.of("g1")).to.equal(undefined);
  });

  it("lets a checkpoint go once its guild's file holds it, but not a newer one landed meanwhile", () => {
    const { voice } = rig();
    const first = voice.take("g1");
    voice.land(first);
    voice.saved("g1", first.seq);
    expect(voice.of("g1")).to.equal(undefined);
    const second = voice.take("g1");
    voice.land(second);
    voice.saved("g1", first.seq);
    expect(voice.of("g1")?.seq).to.equal(second.seq);
  });
});
