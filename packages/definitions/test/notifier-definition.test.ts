import { expect } from "chai";
import {
  API_GATEWAY_INVOKE_RESOURCE,
  type AslState,
  NOTIFIER_STATES,
  notifierDefinition,
  notifierTaskResources,
  RATE_LIMITED_ERROR,
  RETRYABLE_API_GATEWAY_ERRORS,
  TimeBudgetExceededError,
  UNCLEAR_POST_ERRORS,
  WEBHOOK_GONE_ERRORS,
} from "../src/index.js";
import { TEST_LEDGER_TABLE } from "./support/ledger.js";
import { testDefinition, WEBHOOK_API_HOST } from "./support/run-notifier.js";
import { aslValidatorProblems, languageServiceProblems } from "./support/validate-asl.js";

const definition = testDefinition();
const standard = testDefinition({ workflowType: "STANDARD" });
const post = definition.States[NOTIFIER_STATES.post] as AslState & {
  Parameters: Record<string, unknown>;
  Retry: { ErrorEquals: string[]; JitterStrategy: string; MaxDelaySeconds: number; BackoffRate: number }[];
  Catch: { ErrorEquals: string[]; Next: string }[];
  ResultSelector: Record<string, string>;
};

describe("notifierDefinition", () => {
  it("passes asl-validator, EXPRESS and STANDARD", () => {
    expect(aslValidatorProblems(definition)).to.deep.equal([]);
    expect(aslValidatorProblems(standard)).to.deep.equal([]);
  });

  it("passes AWS's amazon-states-language-service, EXPRESS and STANDARD", async () => {
    expect(await languageServiceProblems(definition)).to.deep.equal([]);
    expect(await languageServiceProblems(standard)).to.deep.equal([]);
  });

  it("is JSONPath, not JSONata, so the local runner executes what AWS executes", () => {
    expect(definition.QueryLanguage).to.equal("JSONPath");
    expect(JSON.stringify(definition)).not.to.include("{%");
  });

  it("calls apigateway:invoke on the bare webhook host with POST /, signed by the execution role", () => {
    expect(post.Resource).to.equal(API_GATEWAY_INVOKE_RESOURCE);
    expect(post.Parameters).to.include({
      ApiEndpoint: WEBHOOK_API_HOST,
      Method: "POST",
      Path: "/",
      AuthType: "IAM_ROLE",
    });
    expect(post.Parameters, "an HTTP API's $default stage takes no Stage").not.to.have.property("Stage");
    expect(new Set(notifierTaskResources(definition))).to.deep.equal(
      new Set([
        API_GATEWAY_INVOKE_RESOURCE,
        "arn:aws:states:::dynamodb:getItem",
        "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::dynamodb:updateItem",
        "arn:aws:states:::dynamodb:deleteItem",
      ]),
    );
  });

  it("retries 5xx with full jitter and a delay cap, never States.ALL or States.TaskFailed", () => {
    expect(post.Retry).to.have.length(1);
    const [retrier] = post.Retry;
    expect(retrier?.ErrorEquals).to.deep.equal([...RETRYABLE_API_GATEWAY_ERRORS]);
    expect(retrier).to.include({ JitterStrategy: "FULL", BackoffRate: 2 });
    expect(retrier?.MaxDelaySeconds).to.be.a("number").and.be.greaterThan(0);
    const retried = post.Retry.flatMap((r) => r.ErrorEquals);
    expect(retried).not.to.include.members(["States.ALL", "States.TaskFailed"]);
  });

  it("sends 404/401 to the circuit's check, an unclear post to a kept claim, a 429 back to the bot (EXPRESS), and the rest to a released failure", () => {
    expect(post.Catch).to.deep.equal([
      {
        ErrorEquals: [...WEBHOOK_GONE_ERRORS],
        ResultPath: "$.failure",
        Next: NOTIFIER_STATES.chooseWebhookGone,
      },
      {
        ErrorEquals: [...UNCLEAR_POST_ERRORS],
        ResultPath: "$.failure",
        Next: NOTIFIER_STATES.deliveryUnclear,
      },
      {
        ErrorEquals: [RATE_LIMITED_ERROR],
        ResultPath: "$.failure",
        Next: NOTIFIER_STATES.releaseRateLimited,
      },
      { ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: NOTIFIER_STATES.releaseFailed },
    ]);
    expect(definition.States[NOTIFIER_STATES.deliveryFailed]).to.include({
      Type: "Fail",
      CausePath: "$.failure.Cause",
    });
  });

  it("keeps only the status and the message id of Discord's answer", () => {
    expect(post.ResultSelector).to.deep.equal({
      "status.$": "$.StatusCode",
      "messageId.$": "$.ResponseBody.id",
    });
  });

  it("refuses an https URL or an unresolved host as the endpoint", () => {
    for (const bad of [
      `https://${WEBHOOK_API_HOST}`,
      `${WEBHOOK_API_HOST}/`,
      "undefined.execute-api.eu-west-1.amazonaws.com/x",
      "",
    ]) {
      expect(
        () => notifierDefinition({ webhookApiHost: bad, ledgerTableName: TEST_LEDGER_TABLE }),
        bad,
      ).to.throw(TypeError, "bare host");
    }
  });

  it("takes retry settings for the local stack's fault drills", () => {
    const quick = notifierDefinition({
      webhookApiHost: WEBHOOK_API_HOST,
      ledgerTableName: TEST_LEDGER_TABLE,
      workflowType: "STANDARD",
      retry: { maxAttempts: 2, intervalSeconds: 2 },
    });
    expect((quick.States[NOTIFIER_STATES.post] as typeof post).Retry[0]).to.include({
      MaxAttempts: 2,
      IntervalSeconds: 2,
    });
  });

  it("refuses retry settings whose worst case outlasts the workflow's TimeoutSeconds, naming the slowest path", () => {
    expect(() =>
      notifierDefinition({
        webhookApiHost: WEBHOOK_API_HOST,
        ledgerTableName: TEST_LEDGER_TABLE,
        retry: { maxAttempts: 1 },
      }),
    )
      .to.throw(TimeBudgetExceededError, "TimeoutSeconds 25")
      .with.property("message")
      .that.includes("PostToDiscord");
  });
});
