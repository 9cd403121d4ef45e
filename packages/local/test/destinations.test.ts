import { invokePolicy, ledgerPolicy } from "@stepcord/definitions";
import { parseDeliveryOutcome } from "@stepcord/events";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "@stepcord/fake-discord/webhook";
import { expect } from "chai";
import {
  InvalidLocalServersError,
  LOCAL_LEDGER_TABLE_ARN,
  type LocalStack,
  localDestinationRouteArns,
  startLocalStack,
} from "../src/index.js";
import { postSigned } from "./support/post.js";

const NIGHT_OWLS = "100000000000000001"; // FIXTURE_GUILD
const ROOKERY = "100000000000000002";
const UNLISTED = "100000000000000009";
const THREAD = "1400000000000000001";

/** The join fixture batch, from another server and with its own batch id. */
const joinIn = (guildId: string, n: number) => ({
  ...fixtureBatches.join,
  batchId: `60000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  events: fixtureBatches.join.events.map((e) => ({ ...e, guild: { ...e.guild, id: guildId } })),
});

describe("the local stack with two servers (issue 14)", () => {
  let owls: FakeDiscordWebhook;
  let rookery: FakeDiscordWebhook;
  let stack: LocalStack;

  beforeEach(async () => {
    owls = await startFakeDiscordWebhook({
      webhookId: "1300000000000000010",
      channelId: "1300000000000000011",
    });
    rookery = await startFakeDiscordWebhook({
      webhookId: "1300000000000000020",
      channelId: "1300000000000000021",
      threads: { [THREAD]: "voice-log" },
    });
    stack = await startLocalStack({
      retryIntervalMs: 1,
      servers: {
        [NIGHT_OWLS]: { webhookUrl: owls.copiedWebhookUrl },
        [ROOKERY]: { webhookUrl: rookery.copiedWebhookUrl, threadId: THREAD },
      },
    });
  });
  afterEach(async () => {
    await stack.close();
    await owls.close();
    await rookery.close();
  });

  const send = async (batch: unknown) => {
    const answer = await postSigned(stack.eventsEndpoint, batch, stack.identities.bot, stack);
    return parseDeliveryOutcome(JSON.parse(answer.body));
  };

  it("serves one route per destination and lets the workflow role invoke exactly those", () => {
    expect(stack.destinations?.map((d) => d.id)).to.deep.equal([`g${NIGHT_OWLS}`, `g${ROOKERY}`]);
    const invoke = stack.identities.workflowRole.policies[0]?.Statement[0];
    expect(invoke?.Resource).to.deep.equal(localDestinationRouteArns(stack.destinations ?? []));
  });

  it("posts each server's batch to its own webhook, and into the configured thread", async () => {
    expect((await send(joinIn(NIGHT_OWLS, 1))).outcome).to.equal("delivered");
    expect((await send(joinIn(ROOKERY, 2))).outcome).to.equal("delivered");
    expect(owls.messages()).to.have.length(1);
    expect(owls.messages()[0]?.threadId).to.equal(undefined);
    expect(rookery.messages()).to.have.length(1);
    expect(rookery.messages()[0]?.threadId).to.equal(THREAD);
  });

  it("answers no-destination for a server that has none, and posts nothing anywhere", async () => {
    expect(await send(joinIn(UNLISTED, 3))).to.deep.equal({
      outcome: "no-destination",
      batchId: joinIn(UNLISTED, 3).batchId,
      guildId: UNLISTED,
    });
    expect(owls.requests()).to.deep.equal([]);
    expect(rookery.requests()).to.deep.equal([]);
  });

  it("parks only the server whose webhook is gone; the other server's notices still arrive", async () => {
    owls.injectFaults([{ status: 404, code: 10015 }]);
    expect((await send(joinIn(NIGHT_OWLS, 4))).outcome).to.equal("parked");
    expect((await send(joinIn(ROOKERY, 5))).outcome).to.equal("delivered");
    expect((await send(joinIn(NIGHT_OWLS, 6))).outcome, "its circuit stays open").to.equal("parked");
    expect(owls.requests(), "a parked destination is not called again").to.have.length(1);
  });
});

describe("a workflow role that may invoke only one server's route", () => {
  it("reaches that server, and the webhook API refuses the other's route with the IAM denial", async () => {
    const owls = await startFakeDiscordWebhook({ webhookId: "1300000000000000010" });
    const rookery = await startFakeDiscordWebhook({ webhookId: "1300000000000000020" });
    const servers = {
      [NIGHT_OWLS]: { webhookUrl: owls.copiedWebhookUrl },
      [ROOKERY]: { webhookUrl: rookery.copiedWebhookUrl },
    };
    const [owlsRoute = "", rookeryRoute = ""] = localDestinationRouteArns([
      { id: `g${NIGHT_OWLS}` },
      { id: `g${ROOKERY}` },
    ]);
    const stack = await startLocalStack({
      retryIntervalMs: 1,
      servers,
      workflowRolePolicies: [invokePolicy([owlsRoute]), ledgerPolicy(LOCAL_LEDGER_TABLE_ARN)],
    });
    try {
      const send = async (batch: unknown) =>
        parseDeliveryOutcome(
          JSON.parse((await postSigned(stack.eventsEndpoint, batch, stack.identities.bot, stack)).body),
        );
      expect((await send(joinIn(NIGHT_OWLS, 7))).outcome).to.equal("delivered");
      const refused = await send(joinIn(ROOKERY, 8));
      expect(refused).to.deep.include({ outcome: "failed", error: "Stepcord.DeliveryFailed" });
      expect(refused.outcome === "failed" ? refused.cause : "").to.include(
        `not authorized to perform: execute-api:Invoke on resource: ${rookeryRoute}`,
      );
      expect(rookery.requests()).to.have.length(0);
    } finally {
      await stack.close();
      await owls.close();
      await rookery.close();
    }
  });
});

describe("the local servers config", () => {
  it("is checked by stepcord:servers' own schema, listing every problem and never a token", async () => {
    const token = "t".repeat(68);
    let error: unknown;
    try {
      await startLocalStack({
        servers: {
          "my-server": { webhookUrl: `http://127.0.0.1:1/api/webhooks/1300000000000000010/${token}` },
          [NIGHT_OWLS]: { webhookUrl: `ftp://example.com/${token}` },
        },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(InvalidLocalServersError);
    const problems = (error as InvalidLocalServersError).problems;
    expect(problems).to.have.length(2);
    expect((error as Error).message).not.to.include(token);
  });
});
