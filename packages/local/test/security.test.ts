import { invokePolicy, ledgerPolicy } from "@stepcord/definitions";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { sign } from "@stepcord/signer";
import { expect } from "chai";
import { request } from "undici";
import {
  LOCAL_ACCOUNT,
  LOCAL_LEDGER_TABLE_ARN,
  LOCAL_REGION,
  LOCAL_WEBHOOK_API_ID,
  LOCAL_WEBHOOK_ROUTE_ARN,
  type LocalStack,
  startLocalStack,
} from "../src/index.js";
import { credentialsOf, postSigned } from "./support/post.js";

describe("the local stack's IAM enforcement", () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  after(() => stack.close());

  const post = (url: string, headers: Record<string, string>, body: string) =>
    request(url, { method: "POST", headers, body }).then(async (r) => ({
      status: r.statusCode,
      body: await r.body.text(),
    }));

  it("answers an unsigned call with an HTTP API's 403 Forbidden and runs nothing", async () => {
    const answer = await post(
      stack.eventsEndpoint,
      { "content-type": "application/json" },
      JSON.stringify(fixtureBatches.join),
    );
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.body)).to.deep.equal({ message: "Forbidden" });
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("answers a tampered body with 403 signature mismatch", async () => {
    const body = JSON.stringify(fixtureBatches.join);
    const signed = sign({
      request: {
        method: "POST",
        url: stack.eventsEndpoint,
        headers: { "content-type": "application/json" },
        body,
      },
      credentials: credentialsOf(stack.identities.bot),
      region: stack.region,
      service: "execute-api",
    });
    const answer = await post(stack.eventsEndpoint, signed.headers, body.replace("Ada", "Eve"));
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.body).message).to.match(/^The request signature we calculated does not match/);
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("answers an unknown key with 403 invalid security token and runs nothing", async () => {
    const stranger = { ...stack.identities.bot, accessKeyId: "AKIAUNKNOWNKEY000000" };
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stranger, stack);
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.body).message).to.include("security token included in the request is invalid");
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("answers the bot's key signed with a wrong secret with 403 signature mismatch and runs nothing", async () => {
    const impostor = { ...stack.identities.bot, secretAccessKey: "not-the-bot-secret-at-all" };
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, impostor, stack);
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.body).message).to.match(
      /^The request signature we calculated does not match the signature you provided\./,
    );
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("refuses the bot's credentials on the webhook API, as its policy says", async () => {
    const answer = await postSigned(
      `${stack.webhookApiUrl}/`,
      { content: "hi" },
      stack.identities.bot,
      stack,
    );
    expect(answer.status).to.equal(403);
    expect(JSON.parse(answer.body).message).to.include("is not authorized to perform: execute-api:Invoke");
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });

  it("refuses the workflow role's credentials on the events API", async () => {
    const answer = await postSigned(
      stack.eventsEndpoint,
      fixtureBatches.join,
      stack.identities.workflowRole,
      stack,
    );
    expect(answer.status).to.equal(403);
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("answers an unknown route with 404 before checking signatures", async () => {
    const answer = await post(`${stack.webhookApiUrl}/admin`, {}, "");
    expect(answer.status).to.equal(404);
  });
});

describe("a workflow role whose invoke policy was built the AWS CDK way (aws/aws-cdk#17464)", () => {
  // What CDK emits when stage and path are left default; executeApiArn refuses to build it, so it is written out.
  const cdkStyleArn = `arn:aws:execute-api:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${LOCAL_WEBHOOK_API_ID}/undefined/POSTundefined`;
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({
      retryIntervalMs: 1,
      workflowRolePolicies: [invokePolicy([cdkStyleArn]), ledgerPolicy(LOCAL_LEDGER_TABLE_ARN)],
    });
  });
  after(() => stack.close());

  it("is refused by the webhook API, so the execution fails with the denial as cause and Discord gets nothing", async () => {
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(answer.status).to.equal(200);
    await stack.runner.idle();
    const [execution] = stack.runner.executions();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.DeliveryFailed" });
    expect(execution?.cause).to.include(
      `${stack.identities.workflowRole.arn} is not authorized to perform: execute-api:Invoke on resource: ${LOCAL_WEBHOOK_ROUTE_ARN}`,
    );
    // A 403 is not in the ASL's retryable errors: it fails at once, as on AWS.
    expect(execution?.history.filter((event) => event.type === "StateRetried")).to.have.length(0);
    expect(stack.fakeWebhook?.requests()).to.have.length(0);
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });
});

describe("a workflow role without the ledger policy", () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({
      retryIntervalMs: 1,
      workflowRolePolicies: [invokePolicy([LOCAL_WEBHOOK_ROUTE_ARN])],
    });
  });
  after(() => stack.close());

  it("is refused by DynamoDB, so the batch fails LedgerUnavailable before Discord is called", async () => {
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.body)).to.include({ status: "FAILED", error: "Stepcord.LedgerUnavailable" });
    expect(JSON.parse(answer.body).cause).to.include("not authorized to perform: dynamodb:GetItem");
    expect(stack.fakeWebhook?.requests()).to.have.length(0);
  });
});
