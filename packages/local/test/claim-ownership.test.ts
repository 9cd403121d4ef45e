import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import {
  LEDGER_TASK_STATES,
  NOTIFIER_STATES,
  type NotifierWorkflowType,
  notifierDefinition,
} from "@stepcord/definitions";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { pino } from "pino";
import {
  ApiGatewayError,
  dynamoDbAction,
  dynamoDbTaskHandler,
  LOCAL_STATE_MACHINE_ARN,
  LOCAL_WEBHOOK_HOST,
  type LocalLedger,
  startLocalLedger,
  type TaskHandler,
  WorkflowRunner,
} from "../src/index.js";

const BATCH_KEY = { pk: { S: `batch#${fixtureBatches.join.batchId}` } };
const OTHER_EXECUTION = `${LOCAL_STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:")}:took-over`;

/**
 * The notifier on the local stack's runner and its ledger (dynalite), with PostToDiscord held until the test lets it
 * answer: so the test can change the ledger while an execution is between its claim and its post's answer.
 */
async function heldPost(workflowType: NotifierWorkflowType, ledger: LocalLedger) {
  const definition = notifierDefinition({
    webhookApiHost: LOCAL_WEBHOOK_HOST,
    ledgerTableName: ledger.tableName,
    workflowType,
  });
  const ledgerHandlers = Object.fromEntries(
    LEDGER_TASK_STATES.filter((state) => state in definition.States).map((state) => [
      state,
      dynamoDbTaskHandler(
        ledger.client,
        dynamoDbAction(String(definition.States[state]?.Resource)),
        () => true,
      ),
    ]),
  );
  let reached: () => void = () => undefined;
  const posting = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let answer: (reply: () => Record<string, unknown>) => void = () => undefined;
  const released = new Promise<() => Record<string, unknown>>((resolve) => {
    answer = resolve;
  });
  const post: TaskHandler = async () => {
    reached();
    return (await released)() as never;
  };
  const runner = new WorkflowRunner({
    stateMachineArn: LOCAL_STATE_MACHINE_ARN,
    definition,
    taskHandlers: { ...ledgerHandlers, [NOTIFIER_STATES.post]: post } as Record<string, TaskHandler>,
    retryIntervalMs: 1,
    logger: pino({ level: "silent" }),
  });
  const record = runner.start(JSON.stringify(fixtureBatches.join));
  await posting;
  return { definition, record, answer, done: () => runner.idle() };
}

describe("the ledger's claim belongs to the execution that took it (local runner, dynalite)", () => {
  let ledger: LocalLedger;
  beforeEach(async () => {
    ledger = await startLocalLedger();
  });
  afterEach(() => ledger.close());

  const item = async () =>
    (
      await ledger.client.send(
        new GetItemCommand({ TableName: ledger.tableName, Key: BATCH_KEY, ConsistentRead: true }),
      )
    ).Item;
  const takeOver = () =>
    ledger.client.send(
      new PutItemCommand({
        TableName: ledger.tableName,
        Item: {
          ...BATCH_KEY,
          status: { S: "claimed" },
          claimedBy: { S: OTHER_EXECUTION },
          leaseUntil: { N: String(Math.floor(Date.now() / 1000) + 3600) },
        },
      }),
    );
  const ok = () => ({
    StatusCode: 200,
    StatusText: "OK",
    Headers: {},
    ResponseBody: { id: "1300000000000000001" },
  });

  it("leases a STANDARD claim past the execution's TimeoutSeconds, so no resend takes it over while it runs", async () => {
    const run = await heldPost("STANDARD", ledger);
    const claim = await item();
    const startedSeconds = Math.floor(run.record.startDate.getTime() / 1000);
    expect(Number(claim?.leaseUntil?.N)).to.be.greaterThan(startedSeconds + run.definition.TimeoutSeconds);
    expect(claim?.claimedBy?.S, "the claim names its execution").to.equal(run.record.executionArn);
    run.answer(ok);
    await run.done();
  });

  it("does not record its delivery over a claim another execution took, and still answers delivered", async () => {
    const run = await heldPost("EXPRESS", ledger);
    await takeOver();
    run.answer(ok);
    await run.done();
    expect(JSON.parse(String(run.record.output))).to.deep.include({
      outcome: "delivered",
      messageId: "1300000000000000001",
      recorded: false,
    });
    const after = await item();
    expect(after?.status?.S).to.equal("claimed");
    expect(after?.claimedBy?.S).to.equal(OTHER_EXECUTION);
    expect(after?.messageId).to.equal(undefined);
  });

  it("does not give back a claim another execution took", async () => {
    const run = await heldPost("EXPRESS", ledger);
    await takeOver();
    run.answer(() => {
      throw new ApiGatewayError(500, '{"message": "500: Internal Server Error", "code": 0}');
    });
    await run.done();
    expect(run.record.status).to.equal("FAILED");
    expect((await item())?.claimedBy?.S).to.equal(OTHER_EXECUTION);
  });
});
