import { listenReadingBodies, verifyTestSignature } from "./sigv4-test-server.js";

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
  const { server, port } = await listenReadingBodies((request, res) => {
    const refuse = (status: number, type: string): void => {
      res
        .writeHead(status, { "content-type": "application/x-amz-json-1.0" })
        .end(JSON.stringify({ __type: type, message: type }));
    };
    if (request.headers["x-amz-target"] !== "AWSStepFunctions.DescribeExecution") {
      refuse(400, "UnknownOperationException");
      return;
    }
    verifyTestSignature(request, "states").then(
      () => {
        const { executionArn } = JSON.parse(request.body) as { executionArn: string };
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
  return {
    url: `http://127.0.0.1:${port}/`,
    described,
    script(executionArn, answers) {
      scripts.set(executionArn, [...answers]);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
