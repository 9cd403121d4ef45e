import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@stepcord/signer";
import { TEST_CREDENTIALS } from "./verifying-server.js";

/** One DescribeExecution answer: the execution's fields (status, output, error, cause) or an AWS JSON error. */
export type DescribeAnswer =
  | {
      status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
      output?: string;
      error?: string;
      cause?: string;
    }
  | { errorType: string; httpStatus?: number };

export interface StepFunctionsStandIn {
  url: string;
  /** The executionArn of every verified DescribeExecution call, in order. */
  described: string[];
  /** How each execution answers, call after call (the last answer repeats). */
  script(executionArn: string, answers: DescribeAnswer[]): void;
  close(): Promise<void>;
}

/**
 * Step Functions' DescribeExecution as the bot calls it: AWS JSON 1.0 (`X-Amz-Target: AWSStepFunctions.DescribeExecution`,
 * content type `application/x-amz-json-1.0`), SigV4 for service `states`. A success is the execution's description
 * (API reference, DescribeExecution, "Response Syntax"); an error is `{"__type": …, "message": …}` with 400 (API
 * reference, "Common Errors"; ExecutionDoesNotExist is DescribeExecution's own).
 */
export async function startStepFunctionsStandIn(): Promise<StepFunctionsStandIn> {
  const scripts = new Map<string, DescribeAnswer[]>();
  const described: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const refuse = (status: number, type: string): void => {
        res
          .writeHead(status, { "content-type": "application/x-amz-json-1.0" })
          .end(JSON.stringify({ __type: type, message: type }));
      };
      if (req.headers["x-amz-target"] !== "AWSStepFunctions.DescribeExecution") {
        refuse(400, "UnknownOperationException");
        return;
      }
      verify(
        { method: req.method ?? "POST", url: req.url ?? "/", headers: req.rawHeaders, body },
        {
          region: "eu-west-1",
          service: "states",
          lookup: async (id) =>
            id === TEST_CREDENTIALS.accessKeyId
              ? { secretAccessKey: TEST_CREDENTIALS.secretAccessKey }
              : undefined,
        },
      ).then(
        () => {
          const { executionArn } = JSON.parse(body) as { executionArn: string };
          described.push(executionArn);
          const answers = scripts.get(executionArn) ?? [{ errorType: "ExecutionDoesNotExist" }];
          const answer = (answers.length > 1 ? answers.shift() : answers[0]) as DescribeAnswer;
          if ("errorType" in answer) {
            refuse(answer.httpStatus ?? 400, answer.errorType);
            return;
          }
          res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }).end(
            JSON.stringify({
              executionArn,
              stateMachineArn: executionArn.replace(":execution:", ":stateMachine:").replace(/:[^:]+$/, ""),
              name: executionArn.split(":").at(-1),
              startDate: 1.7e9,
              ...answer,
            }),
          );
        },
        () => refuse(400, "InvalidSignatureException"),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    described,
    script(executionArn, answers) {
      scripts.set(executionArn, [...answers]);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
