import { fixtureBatches } from "@stepcord/events/fixtures";
import { signedRequest } from "@stepcord/signer";
import { expect } from "chai";
import { LOCAL_WORKFLOW_LOG_GROUP, type LocalStack, startLocalStack } from "../src/index.js";
import { credentialsOf, postSigned } from "./support/post.js";

describe("the local CloudWatch Logs API (the workflow's log group at level ERROR)", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  const filter = async (
    executionArn: string,
    identity = stack.identities.operator,
    filterPattern = `{ $.execution_arn = "${executionArn}" }`,
  ) => {
    const response = await signedRequest(stack.logsEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "Logs_20140328.FilterLogEvents",
      },
      body: JSON.stringify({
        logGroupName: LOCAL_WORKFLOW_LOG_GROUP,
        filterPattern,
      }),
      credentials: credentialsOf(identity),
      region: stack.region,
      service: "logs",
    });
    return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
  };
  const start = async () => {
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    await stack.runner.idle();
    return (JSON.parse(answer.body) as { executionArn: string }).executionArn;
  };

  it("logs a failed execution's TaskFailed and ExecutionFailed with their errors and causes, found by its ARN", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const arn = await start();
    const entries = ((await filter(arn)).body.events as { message: string }[]).map((e) =>
      JSON.parse(e.message),
    );
    expect(entries.map((e) => [e.type, e.details.error])).to.deep.equal([
      ["TaskFailed", "ApiGateway.404"],
      ["ExecutionFailed", "Stepcord.WebhookGone"],
    ]);
    expect(entries.every((e) => e.execution_arn === arn)).to.equal(true);
    expect(entries[1].details.cause).to.include("10015");
  });

  it("logs only the TaskFailed of a call a retry recovered from, and no end, for a succeeded execution", async () => {
    // STANDARD retries a 5xx; EXPRESS hands it back to the bot at once (a second call would not fit its 25 s).
    await stack.close();
    stack = await startLocalStack({ retryIntervalMs: 1, workflowType: "STANDARD" });
    stack.fakeWebhook?.injectFaults([{ status: 500 }]);
    const arn = await start();
    const entries = ((await filter(arn)).body.events as { message: string }[]).map((e) =>
      JSON.parse(e.message),
    );
    expect(entries.map((e) => [e.type, e.details.error])).to.deep.equal([["TaskFailed", "ApiGateway.500"]]);
  });

  it("finds the entry by the ARN as a quoted term, wherever the entry names it", async () => {
    stack.fakeWebhook?.injectFaults([{ status: 404, code: 10015 }]);
    const arn = await start();
    const { body } = await filter(arn, stack.identities.operator, `"${arn}"`);
    expect(body.events).to.have.length(2);
  });

  it("logs nothing for a succeeded execution, as level ERROR does", async () => {
    const arn = await start();
    expect((await filter(arn)).body.events).to.deep.equal([]);
  });

  it("refuses the bot's key: it may post events, not read the workflow", async () => {
    const arn = await start();
    const { status, body } = await filter(arn, stack.identities.bot);
    expect(status).to.equal(400);
    expect(body.__type).to.equal("AccessDeniedException");
  });

  it("answers a body that is not JSON with 400 SerializationException, as an AWS JSON service does", async () => {
    const response = await signedRequest(stack.logsEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": "Logs_20140328.FilterLogEvents",
      },
      body: "{not json",
      credentials: credentialsOf(stack.identities.operator),
      region: stack.region,
      service: "logs",
    });
    expect(response.statusCode).to.equal(400);
    expect(((await response.body.json()) as { __type: string }).__type).to.equal("SerializationException");
  });
});
