import { expect } from "chai";
import type { ToggleRules } from "../../src/rules/guild-rules.js";
import { classifyVoiceUpdate, diffSnapshots } from "../../src/voice/classify-voice-update.js";
import type { VoiceSnapshot } from "../../src/voice/voice-snapshot.js";

const base: VoiceSnapshot = {
  userId: "1",
  channelId: null,
  streaming: false,
  video: false,
  suppress: false,
  serverMute: false,
  serverDeaf: false,
};
const all: ToggleRules = { stream: true, video: true, speaker: true, serverMute: true, serverDeaf: true };
const at = (channelId: string | null, extra: Partial<VoiceSnapshot> = {}): VoiceSnapshot => ({
  ...base,
  channelId,
  ...extra,
});

describe("classifyVoiceUpdate", () => {
  const table: Array<[string, VoiceSnapshot | undefined, VoiceSnapshot, ToggleRules | undefined, string[]]> =
    [
      ["null to a channel is a join", at(null), at("A"), undefined, ["join:A"]],
      ["a channel to null is a leave", at("A"), at(null), undefined, ["leave:A"]],
      ["one channel to another is a move", at("A"), at("B"), undefined, ["move:B<A"]],
      ["an unknown old state is not a join", undefined, at("A"), all, []],
      ["a stream start is ignored unless opted in", at("A"), at("A", { streaming: true }), undefined, []],
      [
        "a stream start is reported when opted in",
        at("A"),
        at("A", { streaming: true }),
        all,
        ["stream_start:A"],
      ],
      ["a video stop is reported when opted in", at("A", { video: true }), at("A"), all, ["video_stop:A"]],
      ["a stage speaker is unsuppressed", at("S", { suppress: true }), at("S"), all, ["speaker_start:S"]],
      [
        "a stage speaker goes back to the audience",
        at("S"),
        at("S", { suppress: true }),
        all,
        ["speaker_stop:S"],
      ],
      [
        "a server mute and deafen together",
        at("A"),
        at("A", { serverMute: true, serverDeaf: true }),
        all,
        ["server_mute:A", "server_deafen:A"],
      ],
      ["a self-mute-only change is nothing", at("A"), at("A"), all, []],
      ["null to null is nothing", at(null), at(null), all, []],
    ];
  for (const [name, old, next, rules, expected] of table) {
    it(`classifies: ${name}`, () => {
      const got = classifyVoiceUpdate(old, next, rules).map(
        (c) => `${c.type}:${c.channelId}${c.fromChannelId ? `<${c.fromChannelId}` : ""}`,
      );
      expect(got).to.deep.equal(expected);
    });
  }
});

describe("diffSnapshots", () => {
  it("reports nothing for members who stayed in the same channel across a re-identify", () => {
    const known = new Map([["1", at("A")]]);
    expect(diffSnapshots(known, new Map([["1", at("A")]]))).to.deep.equal([]);
  });

  it("reports a join for a member who arrived while disconnected and a leave for one who left", () => {
    const known = new Map([["1", at("A")]]);
    const fresh = new Map([["2", { ...at("B"), userId: "2" }]]);
    const got = diffSnapshots(known, fresh).map(({ old, next }) => classifyVoiceUpdate(old, next)[0]?.type);
    expect(got).to.deep.equal(["join", "leave"]);
  });
});
