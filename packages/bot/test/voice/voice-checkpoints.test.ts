import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import pino from "pino";
import { parseConfig } from "../../src/config/config.js";
import { sameRulesForEveryGuild } from "../../src/rules/guild-rules.js";
import type { GuildVoiceCheckpoint } from "../../src/voice/landed-voice.js";
import { MemberDirectory } from "../../src/voice/member-directory.js";
import { startVoiceCheckpoints, type VoiceDelivery } from "../../src/voice/voice-checkpoints.js";
import { VoiceTracker } from "../../src/voice/voice-tracker.js";
import { savedMember } from "../support/voice-members.js";

const ANA = "300000000000000001";
const BEA = "300000000000000002";

/** A delivery pipeline whose disk the test opens (`land`), holding what connectVoice was given. */
function heldDelivery() {
  let open: () => void = () => {};
  const delivery = {
    connected: undefined as Parameters<VoiceDelivery["connectVoice"]>[0] | undefined,
    voiceCheckpoints: () => new Map(),
    durable: () =>
      new Promise<void>((resolve) => {
        open = resolve;
      }),
    connectVoice(voice: Parameters<VoiceDelivery["connectVoice"]>[0]) {
      delivery.connected = voice;
    },
    land: () => open(),
  };
  return delivery;
}

async function checkpointsOver(holds: (guildId: string, userId: string) => boolean) {
  const rules = parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "https://example.com/events" }).rules;
  const tracker = new VoiceTracker({
    rulesFor: sameRulesForEveryGuild(rules),
    selfId: () => undefined,
    now: () => 1_000,
    directory: new MemberDirectory(),
  });
  const delivery = heldDelivery();
  const voice = await startVoiceCheckpoints({
    tracker,
    holds,
    delivery,
    outboxDir: await mkdtemp(join(tmpdir(), "stepcord-checkpoints-")),
    now: () => 1_000,
    logger: pino({ level: "silent" }),
  });
  tracker.restore({ g1: [savedMember(ANA, "c1"), savedMember(BEA, "c1")] });
  return { voice, delivery };
}

describe("startVoiceCheckpoints", () => {
  it("lands a checkpoint only once every event before it is on disk", async () => {
    const { voice, delivery } = await checkpointsOver(() => false);
    voice.checkpoint("g1");
    expect(voice.landed.of("g1")).to.equal(undefined);
    delivery.land();
    await Promise.resolve();
    expect(voice.landed.of("g1")?.members.map((m) => m.state.userId)).to.deep.equal([ANA, BEA]);
  });

  it("leaves out of a checkpoint a member whose join the dwell time still holds", async () => {
    const { voice } = await checkpointsOver((_guildId, userId) => userId === BEA);
    expect(voice.landed.take("g1").members.map((m) => m.state.userId)).to.deep.equal([ANA]);
  });

  it("gives each batch its guild's voice and lands it with the batch's file", async () => {
    const { voice, delivery } = await checkpointsOver(() => false);
    const taken = delivery.connected?.voiceOf("g1") as GuildVoiceCheckpoint;
    expect(voice.landed.of("g1")).to.equal(undefined);
    delivery.connected?.landed(taken);
    expect(voice.landed.of("g1")?.seq).to.equal(taken.seq);
  });
});
