import { expect } from "chai";
import { classifyExecution, HOPS } from "../src/index.js";

const failed = (cause: string, error = "Stepcord.DeliveryFailed") =>
  classifyExecution({ status: "FAILED", error, cause });

describe("classifyExecution", () => {
  it("passes a succeeded execution and says how it knows", () => {
    const verdict = classifyExecution({ status: "SUCCEEDED", evidence: "DescribeExecution" });
    expect(verdict).to.include({ ok: true });
    expect(verdict.summary).to.include("DescribeExecution");
  });

  it("reads Discord's 401 as a refused forwarded Authorization header", () => {
    const verdict = failed('{"message": "401: Unauthorized", "code": 0}');
    expect(verdict.ok).to.equal(false);
    expect(verdict.summary).to.equal(
      "the webhook API answered 401: Discord refused the forwarded Authorization header",
    );
  });

  it("reads 10015 as a deleted webhook and says to make a new one", () => {
    const verdict = failed('{"message": "Unknown Webhook", "code": 10015}');
    expect(verdict.summary).to.include("10015");
    expect(verdict.fix).to.include("discordWebhookUrl");
  });

  it("reads Stepcord.DeliveryUnclear as Discord too slow to answer, and says the message may still have arrived", () => {
    const verdict = failed(
      "Discord may have taken the post, but its answer did not come back in time",
      "Stepcord.DeliveryUnclear",
    );
    expect(verdict).to.include({ ok: false, hop: HOPS.discord });
    expect(verdict.summary).to.include("did not answer in time");
    expect(verdict.fix).to.include("integrationLatency");
  });

  it("reads the webhook API's own 404 as a Path that misses the route POST /", () => {
    expect(failed('{"message":"Not Found"}').summary).to.include("Path does not match");
  });

  it("reads an IAM denial as the webhook API refusing the state machine role", () => {
    const cause =
      "User: arn:aws:sts::000000000000:assumed-role/r/s is not authorized to perform: execute-api:Invoke on resource: x";
    expect(failed(cause).summary).to.include("refused the state machine role");
  });

  it("reads a missing ResponseBody.id as ?wait=true not reaching Discord", () => {
    const cause = "The JSONPath '$.ResponseBody.id' specified for the field 'messageId.$' could not be found";
    expect(failed(cause, "States.Runtime").summary).to.include("?wait=true");
  });

  it("reads the workflow's own refusal as a version mismatch, not a delivery fault", () => {
    expect(failed("…", "Stepcord.UnsupportedVersion").fix).to.include("same commit");
  });

  it("fails an unknown outcome with the fix it was given", () => {
    const verdict = classifyExecution({
      status: "UNKNOWN",
      reason: "could not read",
      fix: "grant logs:FilterLogEvents",
    });
    expect(verdict).to.deep.include({ ok: false, fix: "grant logs:FilterLogEvents" });
  });
});

describe("classifyExecution with the Task's logged ApiGateway.<status>", () => {
  const withTask = (taskErrors: string[], cause = "") =>
    classifyExecution({ status: "FAILED", error: "Stepcord.DeliveryFailed", cause, taskErrors });

  it("reads ApiGateway.401 as Discord refusing the forwarded Authorization header, whatever the cause says", () => {
    expect(withTask(["ApiGateway.401"]).summary).to.include(
      "Discord refused the forwarded Authorization header",
    );
  });

  it("reads ApiGateway.403 without a Discord code as the webhook API refusing the role", () => {
    expect(withTask(["ApiGateway.403"]).hop).to.equal(HOPS.webhookAuth);
  });

  it("leaves a bare ApiGateway.404 undecided between the route and a deleted webhook, naming the log that decides", () => {
    const verdict = withTask(["ApiGateway.404"]);
    expect(verdict.fix).to.include("routeKey");
    expect(verdict.fix).to.include("integrationStatus");
  });

  it("takes the last status when retries saw several", () => {
    expect(withTask(["ApiGateway.429", "ApiGateway.503", "ApiGateway.401"]).summary).to.include("401");
  });
});
