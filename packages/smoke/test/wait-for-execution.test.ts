import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import {
  logGroupNameOf,
  STANDARD_SETTLE_MARGIN_MS,
  type WaitForExecutionOptions,
  waitForExecution,
} from "../src/index.js";

/** A stand-in answering AWS JSON-protocol calls by X-Amz-Target, recording each target it was asked. */
async function stubAws(answers: Record<string, (() => unknown)[]>) {
  const asked: string[] = [];
  const server: Server = createServer((request, response) => {
    const target = String(request.headers["x-amz-target"]);
    asked.push(target);
    const next = answers[target]?.shift();
    request.resume();
    response.writeHead(next === undefined ? 400 : 200, { "content-type": "application/x-amz-json-1.0" });
    response.end(
      JSON.stringify(next === undefined ? { __type: "UnknownOperationException", message: target } : next()),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, asked, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function options(url: string): WaitForExecutionOptions {
  let clock = 0;
  return {
    reader: {
      stepFunctionsEndpoint: url,
      logsEndpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" },
    },
    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m",
    executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:x",
    acceptedAt: new Date(0),
    settleMs: 30_000,
    pollMs: 10_000,
    now: () => new Date(clock),
    sleep: async (ms) => {
      clock += ms;
    },
  };
}

describe("waitForExecution", () => {
  it("polls DescribeExecution for a STANDARD machine until it leaves RUNNING", async () => {
    const aws = await stubAws({
      "AWSStepFunctions.DescribeStateMachine": [() => ({ type: "STANDARD" })],
      "AWSStepFunctions.DescribeExecution": [
        () => ({ status: "RUNNING" }),
        () => ({ status: "FAILED", error: "Stepcord.DeliveryFailed", cause: '{"code": 10015}' }),
      ],
    });
    try {
      const observation = await waitForExecution(options(aws.url));
      expect(observation).to.deep.equal({
        status: "FAILED",
        error: "Stepcord.DeliveryFailed",
        cause: '{"code": 10015}',
      });
      expect(aws.asked.filter((t) => t.endsWith("DescribeExecution"))).to.have.length(2);
    } finally {
      await aws.close();
    }
  });

  it("waits a STANDARD execution for its deployed TimeoutSeconds plus a margin when no settle time is given", async () => {
    const running = Array.from({ length: 100 }, () => () => ({ status: "RUNNING" }));
    const aws = await stubAws({
      "AWSStepFunctions.DescribeStateMachine": [
        () => ({ type: "STANDARD", definition: JSON.stringify({ TimeoutSeconds: 300 }) }),
      ],
      "AWSStepFunctions.DescribeExecution": running,
    });
    try {
      const observation = await waitForExecution({ ...options(aws.url), settleMs: undefined });
      expect(observation).to.include({
        status: "UNKNOWN",
        reason: `the execution was still RUNNING after ${300 + STANDARD_SETTLE_MARGIN_MS / 1000} s`,
      });
    } finally {
      await aws.close();
    }
  });

  it("cannot judge an Express machine that logs nothing, and says how to restore its logging", async () => {
    const aws = await stubAws({
      "AWSStepFunctions.DescribeStateMachine": [
        () => ({ type: "EXPRESS", loggingConfiguration: { level: "OFF" } }),
      ],
    });
    try {
      const observation = await waitForExecution(options(aws.url));
      expect(observation).to.include({ status: "UNKNOWN" });
      expect(aws.asked).to.deep.equal(["AWSStepFunctions.DescribeStateMachine"]);
    } finally {
      await aws.close();
    }
  });

  it("takes a logged ExecutionSucceeded (level ALL) as success without waiting out the window", async () => {
    const group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/n:*";
    const aws = await stubAws({
      "AWSStepFunctions.DescribeStateMachine": [
        () => ({
          type: "EXPRESS",
          loggingConfiguration: {
            level: "ALL",
            destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: group } }],
          },
        }),
      ],
      "Logs_20140328.FilterLogEvents": [
        () => ({ events: [{ message: JSON.stringify({ type: "ExecutionSucceeded" }) }] }),
      ],
    });
    try {
      expect(await waitForExecution(options(aws.url))).to.deep.equal({
        status: "SUCCEEDED",
        evidence: "ExecutionSucceeded logged",
      });
    } finally {
      await aws.close();
    }
  });
});

describe("logGroupNameOf", () => {
  it("takes the name from a logging destination's ARN, with or without the trailing :*", () => {
    const arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/notifier-logs-abc";
    expect(logGroupNameOf(`${arn}:*`)).to.equal("/aws/vendedlogs/states/notifier-logs-abc");
    expect(logGroupNameOf(arn)).to.equal("/aws/vendedlogs/states/notifier-logs-abc");
  });
});
