import type { VoiceEventBatch, VoiceEventInput } from "@stepcord/events";
import { joinEvent, leaveEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { Batcher } from "../../src/delivery/batcher.js";

const OTHER_GUILD = { id: "100000000000000077", name: "Other Guild" };

function collecting(quietFor: (guildId: string) => boolean, laneOf?: (e: VoiceEventInput) => string) {
  const out: VoiceEventBatch[] = [];
  const batcher = new Batcher({
    windowMs: 60_000,
    quietFor,
    sink: async (b) => void out.push(...b),
    ...(laneOf ? { laneOf } : {}),
  });
  return { out, batcher };
}

describe("Batcher", () => {
  it("splits 23 coalesced events into batches of 10, 10 and 3 with one quiet flag", async () => {
    const { out, batcher } = collecting(() => true);
    for (let i = 0; i < 23; i++) batcher.add(joinEvent);
    await batcher.flush();
    expect(out.map((b) => b.events.length)).to.deep.equal([10, 10, 3]);
    expect(out.every((b) => b.quiet)).to.equal(true);
  });

  it("never mixes guilds in a batch, and gives each guild's batch that guild's quiet flag", async () => {
    const { out, batcher } = collecting((guildId) => guildId === OTHER_GUILD.id);
    batcher.add(joinEvent);
    batcher.add({ ...leaveEvent, guild: OTHER_GUILD });
    batcher.add(leaveEvent);
    await batcher.flush();
    expect(out.map((b) => [b.events.map((e) => `${e.guild.id}:${e.type}`), b.quiet])).to.deep.equal([
      [[`${joinEvent.guild.id}:join`, `${leaveEvent.guild.id}:leave`], false],
      [[`${OTHER_GUILD.id}:leave`], true],
    ]);
  });

  it("never mixes lanes in a batch: a voice channel with its own destination gets its own batches", async () => {
    const stage = { ...joinEvent.channel, id: "200000000000000099" };
    const { out, batcher } = collecting(
      () => false,
      (e) => `${e.guild.id}/${e.channel.id === stage.id ? "stage" : "server"}`,
    );
    batcher.add(joinEvent);
    batcher.add({ ...joinEvent, channel: stage });
    batcher.add(leaveEvent);
    await batcher.flush();
    expect(out.map((b) => b.events.map((e) => `${e.channel.id}:${e.type}`))).to.deep.equal([
      [`${joinEvent.channel.id}:join`, `${leaveEvent.channel.id}:leave`],
      [`${stage.id}:join`],
    ]);
  });
});
