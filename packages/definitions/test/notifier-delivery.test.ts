import { PutItemCommand } from "@aws-sdk/client-dynamodb";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { CIRCUIT_KEY, NOTIFIER_ERRORS } from "../src/index.js";
import { startTestLedger, type TestLedger } from "./support/ledger.js";
import { apiGatewayError, okResponse, runNotifier } from "./support/run-notifier.js";

const GONE = '{"message": "Unknown Webhook", "code": 10015}';
const RATE_LIMITED = '{"message": "You are being rate limited.", "retry_after": 42.5, "global": false}';

/** The Fail state's error: aws-local-stepfunctions wraps it in an ExecutionError whose `cause` it is. */
async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return (error as { cause?: Error }).cause ?? (error as Error);
  }
  throw new Error("the execution succeeded, but it should have failed");
}

describe("the notifier's delivery guarantees (ledger on dynalite)", () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
  });
  afterEach(async () => {
    await ledger.close();
  });

  it("answers a replayed batch `duplicate` with the first message id, without calling Discord", async () => {
    const first = await runNotifier(
      fixtureBatches.join,
      () => okResponse("1300000000000000077"),
      undefined,
      ledger,
    );
    const replay = await runNotifier(
      fixtureBatches.join,
      () => okResponse("1300000000000000078"),
      undefined,
      ledger,
    );
    expect(first.calls).to.have.length(1);
    expect(replay.calls).to.have.length(0);
    expect(replay.output).to.deep.equal({
      outcome: "duplicate",
      batchId: fixtureBatches.join.batchId,
      messageId: "1300000000000000077",
    });
  });

  it("posts a batch three times replayed exactly once", async () => {
    let posts = 0;
    for (let i = 0; i < 3; i += 1) {
      await runNotifier(
        fixtureBatches.join,
        () => {
          posts += 1;
          return okResponse();
        },
        undefined,
        ledger,
      );
    }
    expect(posts).to.equal(1);
  });

  async function claimedBy(otherExecution: { leaseUntil: number }): Promise<void> {
    await ledger.client.send(
      new PutItemCommand({
        TableName: ledger.tableName,
        Item: {
          pk: { S: `batch#${fixtureBatches.join.batchId}` },
          status: { S: "claimed" },
          leaseUntil: { N: String(otherExecution.leaseUntil) },
        },
      }),
    );
  }

  it("answers `in-flight`, without calling Discord, while another execution's claim is within its lease", async () => {
    await claimedBy({ leaseUntil: Math.floor(Date.now() / 1000) + 3600 });
    const { calls, output } = await runNotifier(fixtureBatches.join, () => okResponse(), undefined, ledger);
    expect(calls).to.have.length(0);
    expect(output).to.deep.equal({ outcome: "in-flight", batchId: fixtureBatches.join.batchId });
  });

  it("takes over a claim whose lease ran out (its execution died) and posts", async () => {
    await claimedBy({ leaseUntil: Math.floor(Date.now() / 1000) - 3600 });
    const { calls, output } = await runNotifier(fixtureBatches.join, () => okResponse(), undefined, ledger);
    expect(calls).to.have.length(1);
    expect(output).to.deep.include({ outcome: "delivered" });
  });

  it("ends a 429 `rate-limited` with Discord's answer (retry_after) and gives the claim back", async () => {
    const limited = await runNotifier(
      fixtureBatches.join,
      () => {
        throw apiGatewayError(429, RATE_LIMITED);
      },
      undefined,
      ledger,
    );
    expect(limited.calls).to.have.length(1);
    expect(limited.output).to.deep.equal({
      outcome: "rate-limited",
      batchId: fixtureBatches.join.batchId,
      discord: RATE_LIMITED,
    });
    const resend = await runNotifier(fixtureBatches.join, () => okResponse(), undefined, ledger);
    expect(resend.calls, "the bot's resend is posted").to.have.length(1);
  });

  it("opens the circuit on 404, parks later batches without calling Discord, and names the fix", async () => {
    const first = await failure(
      runNotifier(
        fixtureBatches.join,
        () => {
          throw apiGatewayError(404, GONE);
        },
        undefined,
        ledger,
      ),
    );
    expect(first.name).to.equal(NOTIFIER_ERRORS.webhookGone);
    let called = false;
    const later = await failure(
      runNotifier(
        fixtureBatches.move,
        () => {
          called = true;
          return okResponse();
        },
        undefined,
        ledger,
      ),
    );
    expect(called).to.equal(false);
    expect(later.name).to.equal(NOTIFIER_ERRORS.webhookGone);
    expect(later.message).to.include("10015");
    const keys = (await ledger.items()).map((item) => (item.pk as { S: string }).S);
    expect(keys, "the parked batch keeps no claim, so it can be redelivered").to.deep.equal([CIRCUIT_KEY]);
  });

  it("opens the circuit on 401 (50027 Invalid Webhook Token) too", async () => {
    const error = await failure(
      runNotifier(
        fixtureBatches.join,
        () => {
          throw apiGatewayError(401, '{"message": "Invalid Webhook Token", "code": 50027}');
        },
        undefined,
        ledger,
      ),
    );
    expect(error.name).to.equal(NOTIFIER_ERRORS.webhookGone);
    expect((await ledger.items()).map((item) => (item.pk as { S: string }).S)).to.include(CIRCUIT_KEY);
  });

  for (const [status, body] of [
    [404, '{"message":"Not Found"}'],
    [401, '{"message":"Unauthorized"}'],
  ] as const) {
    it(`does not open the circuit on API Gateway's own ${status} ${body}, which is no word from Discord`, async () => {
      const error = await failure(
        runNotifier(
          fixtureBatches.join,
          () => {
            throw apiGatewayError(status, body);
          },
          undefined,
          ledger,
        ),
      );
      expect(error.name).to.equal(NOTIFIER_ERRORS.deliveryFailed);
      expect(error.message).to.include(body);
      expect(await ledger.items(), "no circuit item, and the claim given back").to.deep.equal([]);
    });
  }

  it("keeps the claim when a post's outcome is unclear (504), so the resend is answered in-flight, not posted", async () => {
    let posts = 0;
    const unclear = await failure(
      runNotifier(
        fixtureBatches.join,
        () => {
          posts += 1;
          throw apiGatewayError(504, '{"message":"Gateway Timeout"}');
        },
        undefined,
        ledger,
      ),
    );
    expect(unclear.name).to.equal(NOTIFIER_ERRORS.deliveryUnclear);
    const resend = await runNotifier(fixtureBatches.join, () => okResponse(), undefined, ledger);
    expect(resend.output).to.deep.equal({ outcome: "in-flight", batchId: fixtureBatches.join.batchId });
    expect(posts + resend.calls.length).to.equal(1);
  });

  it("is at-least-once where Discord took a post whose outcome was unclear: after the claim's lease the resend posts again", async () => {
    let posts = 0;
    await runNotifier(
      fixtureBatches.join,
      () => {
        posts += 1;
        throw apiGatewayError(504, '{"message":"Gateway Timeout"}');
      },
      undefined,
      ledger,
    ).catch(() => undefined);
    // The lease runs out (the clock reads minutes, so an hour back is past it whatever the second).
    await claimedBy({ leaseUntil: Math.floor(Date.now() / 1000) - 3600 });
    await runNotifier(
      fixtureBatches.join,
      () => {
        posts += 1;
        return okResponse();
      },
      undefined,
      ledger,
    );
    expect(posts, "this boundary is counted, not hidden: see docs/architecture.md").to.equal(2);
  });
});
