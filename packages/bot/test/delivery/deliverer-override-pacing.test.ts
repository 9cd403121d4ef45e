import type { ServerDirectory } from "@stepcord/definitions";
import { createVoiceEventBatch, type VoiceEventBatch } from "@stepcord/events";
import { FIXTURE_GUILD } from "@stepcord/events/fixtures";
import { expect } from "chai";
import type { Deliverer } from "../../src/delivery/deliverer.js";
import { Destinations } from "../../src/delivery/destinations.js";
import type { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { answerByKey, delivererTo, emptyOutbox } from "../support/deliverer-rig.js";
import { freshJoin } from "../support/fresh-events.js";
import { syncAnswer } from "../support/sync-answers.js";
import { startVerifyingServer, type VerifyingServer } from "../support/verifying-server.js";

const GUILD = FIXTURE_GUILD.id;
const STAGE = "200000000000000099";
const LOUNGE = "200000000000000001";

/** One server whose stage channel posts through a webhook of its own (w-stage), the rest through the server's (w-server). */
const serverWithOverride: ServerDirectory = {
  destinations: [
    { id: "stage", guildId: GUILD, voiceChannelId: STAGE, threadId: undefined, rateLimitKey: "w-stage" },
    {
      id: "server",
      guildId: GUILD,
      voiceChannelId: undefined,
      threadId: undefined,
      rateLimitKey: "w-server",
    },
  ],
  rules: {},
  everyServer: false,
};

const joinsInto = (channelId: string): VoiceEventBatch => {
  const event = freshJoin();
  return createVoiceEventBatch({
    events: [{ ...event, channel: { ...event.channel, id: channelId } }],
    quiet: false,
  });
};

/**
 * Issue 14, item 4: a voice channel with its own webhook is a lane of its own, and Discord's buckets are the webhook's;
 * so a 429 on the server's webhook must not hold the channel's batches, nor the other way round.
 */
describe("Deliverer with a channel override on another webhook", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer | undefined;
  /** Per voice channel, the workflow's next answers; `delivered` when none is left. */
  let answers: Map<string, Array<(batchId: string) => unknown>>;

  beforeEach(async () => {
    server = await startVerifyingServer();
    answers = answerByKey(server, (batch) => batch.events[0]?.channel.id ?? "");
    outbox = await emptyOutbox("override");
    const destinations = new Destinations(serverWithOverride);
    const routed = (batch: VoiceEventBatch) => batch.events[0] ?? freshJoin();
    // A clock that stands still: a 429's wait never runs out within the test, so only the pacing decides.
    deliverer = delivererTo(server, {
      outbox,
      now: () => 1_000_000,
      laneOf: (batch) => destinations.laneOf(routed(batch)) ?? GUILD,
      rateLimitKeyOf: (batch) => destinations.rateLimitKeyOf(routed(batch)),
    });
    deliverer.start();
  });

  afterEach(async () => {
    await deliverer?.stop();
    await server.close();
  });

  const sentTo = (channelId: string) => server.received.filter((b) => b.events[0]?.channel.id === channelId);

  for (const [limited, other] of [
    [LOUNGE, STAGE],
    [STAGE, LOUNGE],
  ] as const) {
    const name = (channelId: string) => (channelId === STAGE ? "the override's" : "the server's");
    it(`delivers ${name(other)} batches while ${name(limited)} webhook waits out a 429`, async () => {
      answers.set(limited, [(id) => syncAnswer.rateLimited(id, 60)]);
      const held = joinsInto(limited);
      await outbox.put(held, 0);
      deliverer?.kick();
      await until(() => sentTo(limited).length === 1);
      const free = joinsInto(other);
      await outbox.put(free, 1);
      deliverer?.kick();
      await until(() => sentTo(other).length === 1, 5_000, `${name(other)} batch to be sent`);
      await until(() => outbox.size === 1);
      expect((await outbox.list()).map((e) => e.batch.batchId)).to.deep.equal([held.batchId]);
      expect(sentTo(limited), "the rate-limited webhook was not tried again").to.have.length(1);
    });
  }
});
