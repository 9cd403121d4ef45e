import { DEFAULT_RETRY_AFTER_MS } from "@stepcord/events";
import { expect } from "chai";
import type { Deliverer, DelivererOptions } from "../../src/delivery/deliverer.js";
import type { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { answerByKey, delivererTo, emptyOutbox } from "../support/deliverer-rig.js";
import { freshBatch } from "../support/fresh-events.js";
import { syncAnswer } from "../support/sync-answers.js";
import { startVerifyingServer, type VerifyingServer } from "../support/verifying-server.js";

const GUILD_A = "100000000000000031";
const GUILD_B = "100000000000000032";

/**
 * Finding 8 (docs/architecture.md, "Open findings on delivery"): one guild's failing batch must not hold the others,
 * and a Discord 429 holds every guild that posts through the same webhook, for as long as Discord asks.
 */
describe("Deliverer pacing across guilds", () => {
  let server: VerifyingServer;
  let outbox: Outbox;
  let deliverer: Deliverer | undefined;
  /** The deliverer's clock: every wait is measured on it, so a test moves it instead of sleeping. */
  let clock: number;
  /** How often the deliverer read its clock: each turn of its loop reads it at least once. */
  let reads: number;
  /** The workflow's answer for each guild's batches; `delivered` when a guild has none. */
  let answers: Map<string, Array<(batchId: string) => unknown>>;

  beforeEach(async () => {
    server = await startVerifyingServer();
    answers = answerByKey(server, (batch) => batch.events[0]?.guild.id ?? "");
    outbox = await emptyOutbox("pacing");
    clock = 1_000_000;
    reads = 0;
  });

  afterEach(async () => {
    await deliverer?.stop();
    deliverer = undefined;
    await server.close();
  });

  const startDeliverer = (options: Partial<DelivererOptions> = {}) => {
    deliverer = delivererTo(server, {
      outbox,
      now: () => {
        reads += 1;
        return clock;
      },
      ...options,
    });
    deliverer.start();
    return deliverer;
  };

  /** Moves the clock and wakes the deliverer, as its own timer would. */
  const advance = (ms: number) => {
    clock += ms;
    deliverer?.kick();
  };

  /** Lets the loop go round a few times on the current clock: anything it may send by now, it has sent. */
  const settle = async () => {
    const looked = reads;
    // A kick per look: one kick wakes the loop once, and a held loop otherwise sleeps until its wait's real timer.
    await until(() => {
      deliverer?.kick();
      return reads >= looked + 3;
    });
  };

  const sentFor = (guildId: string) => server.received.filter((b) => b.events[0]?.guild.id === guildId);

  it("delivers guild B's batch while guild A's batch keeps failing", async () => {
    answers.set(
      GUILD_A,
      Array.from({ length: 1_000 }, () => () => syncAnswer.failed()),
    );
    await outbox.put(freshBatch(1, GUILD_A), clock);
    startDeliverer({ random: () => 1 });
    await until(() => sentFor(GUILD_A).length === 1);
    const other = freshBatch(1, GUILD_B);
    await outbox.put(other, clock);
    deliverer?.kick();
    await until(() => sentFor(GUILD_B).length === 1, 5_000);
    expect(sentFor(GUILD_B)[0]?.batchId).to.equal(other.batchId);
    await until(() => outbox.size === 1);
  });

  /** Each guild on a webhook of its own. */
  const OWN_WEBHOOKS: Partial<DelivererOptions> = {
    rateLimitKeyOf: (batch) => `webhook-of-${batch.events[0]?.guild.id}`,
  };

  /** Guild A's batch sent and answered with `answer`, then guild B's batch queued behind it. */
  const limitedThenOther = async (
    answer: (batchId: string) => unknown,
    options: Partial<DelivererOptions> = {},
  ) => {
    answers.set(GUILD_A, [answer]);
    const limited = freshBatch(1, GUILD_A);
    await outbox.put(limited, clock);
    startDeliverer(options);
    await until(() => server.received.length === 1);
    const other = freshBatch(1, GUILD_B);
    await outbox.put(other, clock);
    return { limited, other };
  };

  it("holds guild B's batch while guild A waits out a 429 on the same webhook, then sends A's first", async () => {
    const { limited, other } = await limitedThenOther((id) => syncAnswer.rateLimited(id, 1.5));
    await settle();
    expect(server.received).to.have.length(1);
    advance(1_500);
    await until(() => outbox.size === 0);
    expect(server.received.map((b) => b.batchId)).to.deep.equal([
      limited.batchId,
      limited.batchId,
      other.batchId,
    ]);
  });

  it("lets guild B post at once when its destination is not the one Discord rate-limited", async () => {
    const { other } = await limitedThenOther((id) => syncAnswer.rateLimited(id, 60), OWN_WEBHOOKS);
    deliverer?.kick();
    await until(() => server.received.length === 2);
    expect(server.received[1]?.batchId).to.equal(other.batchId);
    await until(() => outbox.size === 1);
  });

  it("doubles the wait after each 429 that names no retry_after (Cloudflare's text body), never below 2 s", async () => {
    const cloudflare = (id: string) => syncAnswer.rateLimitedWithBody(id, "error code: 1015");
    answers.set(GUILD_A, [cloudflare, cloudflare]);
    await outbox.put(freshBatch(1, GUILD_A), clock);
    startDeliverer({ random: () => 0 });
    await until(() => server.received.length === 1);
    clock += DEFAULT_RETRY_AFTER_MS - 1;
    await settle();
    expect(server.received).to.have.length(1);
    advance(1);
    await until(() => server.received.length === 2);
    clock += 2 * DEFAULT_RETRY_AFTER_MS - 1;
    await settle();
    expect(server.received, "resent before twice the first wait").to.have.length(2);
    advance(1);
    await until(() => outbox.size === 0);
    expect(server.received).to.have.length(3);
  });

  it("holds guild B on another webhook too while guild A waits out Discord's global 429", async () => {
    const { limited, other } = await limitedThenOther(
      (id) => syncAnswer.rateLimited(id, 1.5, true),
      OWN_WEBHOOKS,
    );
    await settle();
    expect(server.received, "B posted into the global limit").to.have.length(1);
    advance(1_500);
    await until(() => outbox.size === 0);
    expect(server.received.map((b) => b.batchId)).to.have.members([
      limited.batchId,
      limited.batchId,
      other.batchId,
    ]);
  });
});
