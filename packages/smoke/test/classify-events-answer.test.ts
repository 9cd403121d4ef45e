import { expect } from "chai";
import { classifyEventsAnswer } from "../src/index.js";

describe("classifyEventsAnswer", () => {
  it("passes a 200 carrying the executionArn", () => {
    const arn = "arn:aws:states:us-east-1:123456789012:express:stepcord-notifier:abc";
    const verdict = classifyEventsAnswer({
      status: 200,
      body: JSON.stringify({ executionArn: arn, startDate: 1 }),
    });
    expect(verdict.ok).to.equal(true);
    expect(verdict.summary).to.include(arn);
  });

  it("fails a 200 without an executionArn: the integration is not StartExecution", () => {
    expect(classifyEventsAnswer({ status: 200, body: "{}" }).fix).to.include("StepFunctions-StartExecution");
  });

  it("blames the bot identity's policy or key for a 403 Forbidden", () => {
    const verdict = classifyEventsAnswer({ status: 403, body: '{"message":"Forbidden"}' });
    expect(verdict.ok).to.equal(false);
    expect(verdict.fix).to.include("invokerPolicyArn");
  });

  it("asks to attach the invoker policy to the operator when the stack had no bot key to sign with", () => {
    const verdict = classifyEventsAnswer({ status: 403, body: '{"message":"Forbidden"}' }, "operator");
    expect(verdict.fix).to.include("your AWS credentials signed");
  });

  it("points at the clock when the 403 is about the signature's date", () => {
    const body = '{"message":"Signature expired: 20261207T000000Z is now earlier than 20261207T060000Z"}';
    expect(classifyEventsAnswer({ status: 403, body }).fix).to.include("clock");
  });

  it("says API Gateway could not assume the events role for a 500", () => {
    const verdict = classifyEventsAnswer({ status: 500, body: '{"message":"Internal Server Error"}' });
    expect(verdict.summary).to.include("answered 500");
    expect(verdict.fix).to.include("could not assume the events role");
  });

  for (const status of [503, 504]) {
    it(`says the workflow ran past the 30 s integration timeout for a ${status}, not that a role is wrong`, () => {
      const verdict = classifyEventsAnswer({ status, body: '{"message":"Service Unavailable"}' });
      expect(verdict.summary).to.include(`answered ${status}`);
      expect(verdict.fix).to.include("30 s integration timeout");
      expect(verdict.fix).to.not.include("assume");
    });
  }
});
