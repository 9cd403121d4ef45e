import { request as httpRequest } from "node:http";
import { fixtureBatches } from "@stepcord/events/fixtures";
import { signedRequest } from "@stepcord/signer";
import { expect } from "chai";
import { type LocalStack, startLocalStack } from "../src/index.js";
import { credentialsOf, postSigned } from "./support/post.js";

/** One raw request on a kept-alive connection; resolves with the answer and whether the server closed the socket. */
function rawPost(
  url: string,
  body: Buffer,
): Promise<{ status: number; connection: string; text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        connection: "keep-alive",
        "content-length": body.length,
      },
    });
    req.on("error", reject);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const answer = {
          status: res.statusCode ?? 0,
          connection: String(res.headers.connection),
          text: Buffer.concat(chunks).toString("utf8"),
        };
        // A kept-alive socket stays open; a closed one emits "close" once the server ends it.
        res.socket.once("close", () => resolve({ ...answer, closed: true }));
      });
    });
    req.end(body);
  });
}

describe("the local stack's AWS limits", () => {
  let stack: LocalStack;
  beforeEach(async () => {
    stack = await startLocalStack({ retryIntervalMs: 1 });
  });
  afterEach(() => stack.close());

  const callStepFunctions = async (operation: string, body: string) => {
    const response = await signedRequest(stack.stepFunctionsEndpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": `AWSStepFunctions.${operation}`,
      },
      body,
      credentials: credentialsOf(stack.identities.operator),
      region: stack.region,
      service: "states",
    });
    return {
      status: response.statusCode,
      body: JSON.parse(await response.body.text()) as Record<string, unknown>,
    };
  };

  it("answers a body over API Gateway's 10 MB with 413 and closes the connection", async () => {
    const answer = await rawPost(stack.eventsEndpoint, Buffer.alloc(10 * 1024 * 1024 + 1, 0x20));
    expect(answer.status).to.equal(413);
    expect(JSON.parse(answer.text)).to.deep.equal({ message: "Request Entity Too Large" });
    expect(answer.connection).to.equal("close");
    expect(answer.closed).to.equal(true);
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("refuses an events body over Step Functions' 256 KiB input limit with ValidationException", async () => {
    const padded = { ...fixtureBatches.join, padding: "x".repeat(262_144) };
    const answer = await postSigned(stack.eventsEndpoint, padded, stack.identities.bot, stack);
    expect(answer.status).to.equal(400);
    expect(JSON.parse(answer.body)).to.include({ __type: "ValidationException" });
    expect(JSON.parse(answer.body).message).to.include("262144");
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("starts an execution whose input is exactly 256 KiB", async () => {
    const base = JSON.stringify({ ...fixtureBatches.join, padding: "" });
    const input = JSON.stringify({ ...fixtureBatches.join, padding: "x".repeat(262_144 - base.length) });
    expect(Buffer.byteLength(input)).to.equal(262_144);
    const answer = await postSigned(stack.eventsEndpoint, input, stack.identities.bot, stack);
    expect(answer.status).to.equal(200);
  });

  it("refuses StartExecution with an input over 256 KiB on the Step Functions API", async () => {
    const input = JSON.stringify({ padding: "é".repeat(131_073) });
    const answer = await callStepFunctions(
      "StartExecution",
      JSON.stringify({ stateMachineArn: stack.stateMachineArn, input }),
    );
    expect(answer.status).to.equal(400);
    expect(answer.body.__type).to.equal("ValidationException");
    expect(stack.runner.executions()).to.have.length(0);
  });

  it("answers a Step Functions API body that is not JSON with 400 SerializationException", async () => {
    const answer = await callStepFunctions("ListStateMachines", "{not json");
    expect(answer.status).to.equal(400);
    expect(answer.body.__type).to.equal("SerializationException");
  });

  it("answers StartExecution with an input that is not JSON with 400 InvalidExecutionInput", async () => {
    const answer = await callStepFunctions(
      "StartExecution",
      JSON.stringify({ stateMachineArn: stack.stateMachineArn, input: "{not json" }),
    );
    expect(answer.status).to.equal(400);
    expect(answer.body.__type).to.equal("InvalidExecutionInput");
  });

  it("fails a nesting attack as Stepcord.InputTooDeep, not as the engine's RangeError", async () => {
    const depth = 10_000;
    const body = `{"batch":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const answer = await postSigned(stack.eventsEndpoint, body, stack.identities.bot, stack);
    expect(answer.status).to.equal(200);
    await stack.runner.idle();
    const [execution] = stack.runner.executions();
    expect(execution).to.include({ status: "FAILED", error: "Stepcord.InputTooDeep" });
    expect(execution?.cause).to.include(String(depth + 1));
  });
});
