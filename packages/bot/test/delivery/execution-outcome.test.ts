import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import pino from "pino";
import { Deliverer } from "../../src/delivery/deliverer.js";
import { executionOutcome, stepFunctionsEndpoint } from "../../src/delivery/execution-outcome.js";
import type { Outbox } from "../../src/delivery/outbox.js";
import { until } from "../support/bot-fixture.js";
import { emptyOutbox } from "../support/deliverer-rig.js";
import { freshBatch } from "../support/fresh-events.js";
import { type StepFunctionsStandIn, startStepFunctionsStandIn } from "../support/step-functions-stand-in.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "../support/verifying-server.js";

const GUILD = "100000000000000031";
const EXECUTIONS = "arn:aws:states:eu-west-1:123456789012:execution:stepcord-notifier";
const delivered = (batchId: string) =>
  JSON.stringify({ outcome: "delivered", batchId, messageId: "1300000000000000001", events: 1, status: 200 });
const logger = pino({ level: process.env.TEST_LOG ?? "silent" });

describe("Deliverer on a STANDARD stack (the outcome asked of DescribeExecution)", () => {
  let events: VerifyingServer;
  let states: StepFunctionsStandIn;
  let outbox: Outbox;
  let deliverer: Deliverer;

  beforeEach(async () => {
    events = await startVerifyingServer();
    states = await startStepFunctionsStandIn();
    // StartExecution's answer: one new execution per request.
    events.answerWith(() => ({ executionArn: `${EXECUTIONS}:${events.received.length}`, startDate: 1.7e9 }));
    outbox = await emptyOutbox("standard");
    deliverer = new Deliverer({
      outbox,
      endpoint: events.url,
      credentials: TEST_CREDENTIALS,
      region: "eu-west-1",
      logger,
      now: Date.now,
      executionOutcome: (executionArn, signal) =>
        executionOutcome(executionArn, {
          endpoint: states.url,
          credentials: TEST_CREDENTIALS,
          region: "eu-west-1",
          logger,
          now: Date.now,
          sleep: async () => undefined,
          signal,
        }),
    });
  });
  afterEach(async () => {
    await deliverer.stop();
    await events.close();
    await states.close();
  });

  it("keeps a batch whose execution failed and resends it until an execution delivers it", async () => {
    const batch = freshBatch(1, GUILD);
    states.script(`${EXECUTIONS}:1`, [
      { status: "RUNNING" },
      { status: "FAILED", error: "Stepcord.DeliveryFailed", cause: "status 503" },
    ]);
    states.script(`${EXECUTIONS}:2`, [{ status: "SUCCEEDED", output: delivered(batch.batchId) }]);
    await outbox.put(batch, Date.now());
    deliverer.start();
    await until(() => events.received.length === 2);
    await until(() => outbox.size === 0);
    expect(events.received.map((b) => b.batchId)).to.deep.equal([batch.batchId, batch.batchId]);
  });

  it("parks a batch whose execution found the webhook gone, with Discord's code", async () => {
    states.script(`${EXECUTIONS}:1`, [
      {
        status: "FAILED",
        error: "Stepcord.WebhookGone",
        cause: '{"message": "Unknown Webhook", "code": 10015}',
      },
    ]);
    const gone = freshBatch(1, GUILD);
    await outbox.put(gone, Date.now());
    deliverer.start();
    await until(() => outbox.size === 0);
    const [name] = await readdir(join(outbox.dir, "parked"));
    const parked = JSON.parse(await readFile(join(outbox.dir, "parked", String(name)), "utf8"));
    expect(parked.batch.batchId).to.equal(gone.batchId);
    expect(parked.parked.code).to.equal(10015);
  });
});

describe("executionOutcome", () => {
  let states: StepFunctionsStandIn;
  beforeEach(async () => {
    states = await startStepFunctionsStandIn();
  });
  afterEach(() => states.close());

  const ask = (executionArn: string, clock = { now: 0 }, maxWaitMs = 60_000) =>
    executionOutcome(executionArn, {
      endpoint: states.url,
      credentials: TEST_CREDENTIALS,
      region: "eu-west-1",
      logger,
      now: () => clock.now,
      sleep: async (ms) => {
        clock.now += ms;
      },
      signal: new AbortController().signal,
      maxWaitMs,
    });

  it("asks again while the execution is not found yet (eventual consistency) or runs, then reads its outcome", async () => {
    const arn = `${EXECUTIONS}:a`;
    states.script(arn, [
      { errorType: "ExecutionDoesNotExist" },
      { status: "RUNNING" },
      { status: "SUCCEEDED", output: delivered("b1") },
    ]);
    expect(await ask(arn)).to.deep.equal({ action: "delivered", how: "delivered" });
    expect(states.described).to.deep.equal([arn, arn, arn]);
  });

  it("gives the batch back to be resent, naming why, when no outcome comes within the wait", async () => {
    const arn = `${EXECUTIONS}:b`;
    states.script(arn, [{ status: "RUNNING" }]);
    expect(await ask(arn, { now: 0 }, 5_000)).to.deep.include({ action: "retry", why: "execution-unknown" });
  });

  it("lets the batch go as started, as before, when the key may not describe executions (a stack not yet updated)", async () => {
    const arn = `${EXECUTIONS}:c`;
    states.script(arn, [{ errorType: "AccessDeniedException" }]);
    expect(await ask(arn)).to.deep.equal({ action: "delivered", how: "started" });
  });
});

describe("stepFunctionsEndpoint", () => {
  it("takes STEPFUNCTIONS_ENDPOINT first, else Step Functions' regional endpoint for an events API on AWS", () => {
    const aws = "https://abc123.execute-api.eu-west-1.amazonaws.com/events";
    expect(
      stepFunctionsEndpoint({
        configured: "http://127.0.0.1:4570",
        eventsEndpoint: aws,
        region: "eu-west-1",
      }),
    ).to.equal("http://127.0.0.1:4570");
    expect(
      stepFunctionsEndpoint({ configured: undefined, eventsEndpoint: aws, region: "eu-west-1" }),
    ).to.equal("https://states.eu-west-1.amazonaws.com");
  });

  it("asks nowhere for a local events API without STEPFUNCTIONS_ENDPOINT, rather than real AWS", () => {
    expect(
      stepFunctionsEndpoint({
        configured: undefined,
        eventsEndpoint: "http://127.0.0.1:4567/events",
        region: "us-east-1",
      }),
    ).to.equal(undefined);
  });
});
