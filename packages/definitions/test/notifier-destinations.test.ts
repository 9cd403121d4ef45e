import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import {
  DESTINATION_STATES,
  destinationCircuitKey,
  destinationFor,
  destinationRoute,
  NOTIFIER_ERRORS,
  NOTIFIER_STATES,
  notifierDefinition,
  type RoutedDestination,
} from "../src/index.js";
import { startTestLedger, TEST_LEDGER_TABLE, type TestLedger } from "./support/ledger.js";
import { apiGatewayError, okResponse, runNotifier, WEBHOOK_API_HOST } from "./support/run-notifier.js";
import { aslValidatorProblems, languageServiceProblems } from "./support/validate-asl.js";

const NIGHT_OWLS = "100000000000000001"; // FIXTURE_GUILD
const OTHER = "100000000000000002";
const UNLISTED = "100000000000000009";
const LOUNGE = "200000000000000001"; // FIXTURE_CHANNELS.lounge
const GAMING = "200000000000000002";

const server = (guildId: string): RoutedDestination => ({
  id: `g${guildId}`,
  guildId,
  voiceChannelId: undefined,
});
const override = (guildId: string, voiceChannelId: string): RoutedDestination => ({
  id: `g${guildId}-c${voiceChannelId}`,
  guildId,
  voiceChannelId,
});
const everyServer: RoutedDestination = { id: "default", guildId: undefined, voiceChannelId: undefined };

const routed = (destinations: RoutedDestination[], workflowType: "EXPRESS" | "STANDARD" = "EXPRESS") =>
  notifierDefinition({
    webhookApiHost: WEBHOOK_API_HOST,
    ledgerTableName: TEST_LEDGER_TABLE,
    workflowType,
    destinations,
  });

/** The join fixture batch, moved to another server and voice channel. */
function batchIn(guildId: string, channelId: string, batch = fixtureBatches.join) {
  return {
    ...batch,
    events: batch.events.map((e) => ({
      ...e,
      guild: { ...e.guild, id: guildId },
      channel: { ...e.channel, id: channelId },
    })),
  };
}

/** The Fail state's error: aws-local-stepfunctions wraps it in an ExecutionError whose `cause` it is. */
async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return (error as { cause?: Error }).cause ?? (error as Error);
  }
  throw new Error("the execution succeeded, but it should have failed");
}

describe("the notifier with destinations (issue 14)", () => {
  const table = [override(NIGHT_OWLS, GAMING), server(NIGHT_OWLS), server(OTHER)];

  it("passes asl-validator and AWS's language service, with and without an every-server destination", async () => {
    for (const definition of [
      routed(table),
      routed([...table, everyServer], "STANDARD"),
      routed([everyServer]),
    ]) {
      expect(aslValidatorProblems(definition)).to.deep.equal([]);
      expect(await languageServiceProblems(definition)).to.deep.equal([]);
    }
  });

  it("posts a server's batch to its own route, POST /destinations/g<guild>", async () => {
    const { calls, output } = await runNotifier(batchIn(OTHER, LOUNGE), undefined, routed(table));
    expect(calls.map((c) => `${c.Method} ${c.Path}`)).to.deep.equal([
      `POST ${destinationRoute(`g${OTHER}`).path}`,
    ]);
    expect(output).to.include({ outcome: "delivered" });
  });

  it("posts a voice channel with an override to the override's route, its server's other channels to the server's", async () => {
    const toGaming = await runNotifier(batchIn(NIGHT_OWLS, GAMING), undefined, routed(table));
    const toLounge = await runNotifier(batchIn(NIGHT_OWLS, LOUNGE), undefined, routed(table));
    expect(toGaming.calls[0]?.Path).to.equal(`/destinations/g${NIGHT_OWLS}-c${GAMING}`);
    expect(toLounge.calls[0]?.Path).to.equal(`/destinations/g${NIGHT_OWLS}`);
  });

  it("chooses what destinationFor chooses, whatever order the table lists destinations in", async () => {
    const shuffled = [server(NIGHT_OWLS), everyServer, override(NIGHT_OWLS, GAMING), server(OTHER)];
    for (const [guild, channel] of [
      [NIGHT_OWLS, GAMING],
      [NIGHT_OWLS, LOUNGE],
      [OTHER, GAMING],
      [UNLISTED, GAMING],
    ] as const) {
      const { calls } = await runNotifier(batchIn(guild, channel), undefined, routed(shuffled));
      const expected = destinationFor(shuffled, guild, channel);
      expect(calls[0]?.Path, `${guild}/${channel}`).to.equal(destinationRoute(String(expected?.id)).path);
    }
  });

  it("ends a batch for a server with no destination at once: no-destination, nothing posted, nothing written", async () => {
    const ledger = await startTestLedger();
    try {
      let called = false;
      const { output } = await runNotifier(
        batchIn(UNLISTED, LOUNGE),
        () => {
          called = true;
          return okResponse();
        },
        routed(table),
        ledger,
      );
      expect(output).to.deep.equal({
        outcome: "no-destination",
        batchId: fixtureBatches.join.batchId,
        guildId: UNLISTED,
      });
      expect(called).to.equal(false);
      expect(await ledger.items()).to.deep.equal([]);
    } finally {
      await ledger.close();
    }
  });

  it("sends an unlisted server to the every-server destination when the stack has one", async () => {
    const { calls } = await runNotifier(
      batchIn(UNLISTED, LOUNGE),
      undefined,
      routed([...table, everyServer]),
    );
    expect(calls[0]?.Path).to.equal("/destinations/default");
  });

  it("refuses a batch that mixes servers without calling Discord", async () => {
    const batch = fixtureBatches.batch;
    expect(batch.events.length).to.be.greaterThan(1);
    const mixed = {
      ...batch,
      events: batch.events.map((e, i) => (i === 1 ? { ...e, guild: { ...e.guild, id: OTHER } } : e)),
    };
    let called = false;
    const error = await failure(
      runNotifier(
        mixed,
        () => {
          called = true;
          return okResponse();
        },
        routed([...table, everyServer]),
      ),
    );
    expect(error.name).to.equal(NOTIFIER_ERRORS.mixedServers);
    expect(called).to.equal(false);
  });

  it("posts a batch of many events from one server", async () => {
    const { calls } = await runNotifier(fixtureBatches.batch, undefined, routed(table));
    expect(calls[0]?.Path).to.equal(`/destinations/g${NIGHT_OWLS}`);
  });

  it("refuses a batch whose first event names no server as invalid input", async () => {
    const [first, ...rest] = fixtureBatches.join.events;
    const { guild: _guild, ...withoutGuild } = first as NonNullable<typeof first>;
    const error = await failure(
      runNotifier({ ...fixtureBatches.join, events: [withoutGuild, ...rest] }, undefined, routed(table)),
    );
    expect(error.name).to.equal(NOTIFIER_ERRORS.invalidInput);
  });

  describe("the webhook-gone circuit, per destination", () => {
    let ledger: TestLedger;
    beforeEach(async () => {
      ledger = await startTestLedger();
    });
    afterEach(async () => {
      await ledger.close();
    });

    it("parks only the dead webhook's server: another server's batch still posts", async () => {
      const gone = () => {
        throw apiGatewayError(404, '{"message": "Unknown Webhook", "code": 10015}');
      };
      const first = await failure(runNotifier(batchIn(NIGHT_OWLS, LOUNGE), gone, routed(table), ledger));
      expect(first.name).to.equal(NOTIFIER_ERRORS.webhookGone);
      const keys = (await ledger.items()).map((item) => (item.pk as { S: string }).S);
      expect(keys).to.deep.equal([destinationCircuitKey(`g${NIGHT_OWLS}`)]);

      const other = await runNotifier(batchIn(OTHER, LOUNGE), undefined, routed(table), ledger);
      expect(other.output).to.include({ outcome: "delivered" });

      let called = false;
      const again = await failure(
        runNotifier(
          { ...batchIn(NIGHT_OWLS, LOUNGE), batchId: "10000000-0000-4000-8000-000000000099" },
          () => {
            called = true;
            return okResponse();
          },
          routed(table),
          ledger,
        ),
      );
      expect(again.name, "the dead webhook's server stays parked").to.equal(NOTIFIER_ERRORS.webhookGone);
      expect(called).to.equal(false);
    });

    it("keeps a channel override's circuit apart from its server's", async () => {
      const gone = () => {
        throw apiGatewayError(404, '{"message": "Unknown Webhook", "code": 10015}');
      };
      await failure(runNotifier(batchIn(NIGHT_OWLS, GAMING), gone, routed(table), ledger));
      const sameServer = await runNotifier(batchIn(NIGHT_OWLS, LOUNGE), undefined, routed(table), ledger);
      expect(sameServer.output).to.include({ outcome: "delivered" });
    });
  });

  it("adds no routing states without destinations: one route, POST /, for every server", () => {
    const single = notifierDefinition({
      webhookApiHost: WEBHOOK_API_HOST,
      ledgerTableName: TEST_LEDGER_TABLE,
    });
    for (const name of Object.values(DESTINATION_STATES)) expect(single.States).not.to.have.property(name);
    expect(single.States[NOTIFIER_STATES.post]?.Parameters).to.include({
      Path: "/",
    });
  });

  it("refuses a table that names one destination twice, and an empty one", () => {
    expect(() => routed([server(OTHER), server(OTHER)])).to.throw(RangeError, /appears twice/);
    expect(() => routed([])).to.throw(RangeError, /at least one destination/);
  });
});
