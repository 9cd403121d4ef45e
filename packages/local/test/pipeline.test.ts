import { fixtureBatches } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { postSigned } from "./support/post.js";

describe("the local pipeline, events API to fake Discord", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  it("turns a signed batch into exactly the golden Discord message", async () => {
    const answer = await postSigned(stack.eventsEndpoint, fixtureBatches.batch, stack.identities.bot, stack);
    expect(answer.status).to.equal(200);
    expect(JSON.parse(answer.body).executionArn).to.match(
      /^arn:aws:states:us-east-1:000000000000:execution:stepcord-notifier:/,
    );
    await stack.runner.idle();
    const messages = stack.fakeWebhook?.messages() ?? [];
    expect(messages).to.have.length(1);
    expect(messages[0]?.body).to.deep.equal(
      JSON.parse(
        await import("node:fs").then((fs) =>
          fs.readFileSync(
            new URL("../../definitions/test/golden/batch.golden.json", import.meta.url),
            "utf8",
          ),
        ),
      ),
    );
    expect(stack.runner.executions()[0]?.status).to.equal("SUCCEEDED");
  });

  it("sends Discord's User-Agent and JSON content type through the proxy", async () => {
    await postSigned(stack.eventsEndpoint, fixtureBatches.join, stack.identities.bot, stack);
    await stack.runner.idle();
    expect(stack.fakeWebhook?.messages()[0]?.userAgent).to.equal(
      "DiscordBot (https://github.com/stepcord/stepcord, 0.1.0)",
    );
  });

  it("posts quiet batches as silent messages", async () => {
    await postSigned(stack.eventsEndpoint, fixtureBatches.quiet, stack.identities.bot, stack);
    await stack.runner.idle();
    expect(stack.fakeWebhook?.messages()[0]?.body).to.deep.include({ flags: 4096 });
  });

  it("answers a body that is not JSON like StartExecution does, and runs nothing", async () => {
    const answer = await postSigned(stack.eventsEndpoint, "{not json", stack.identities.bot, stack);
    expect(answer.status).to.equal(400);
    expect(JSON.parse(answer.body).__type).to.equal("InvalidExecutionInput");
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("fails an execution whose batch is invalid with the workflow's cause, posting nothing", async () => {
    await postSigned(stack.eventsEndpoint, { version: 1 }, stack.identities.bot, stack);
    await stack.runner.idle();
    const [execution] = stack.runner.executions();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.InvalidInput" });
    expect(execution?.cause).to.include("createVoiceEventBatch()");
    expect(stack.fakeWebhook?.messages()).to.have.length(0);
  });
});
