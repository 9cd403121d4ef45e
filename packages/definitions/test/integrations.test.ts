import { expect } from "chai";
import {
  EXPRESS_TIMEOUT_SECONDS,
  startExecutionIntegration,
  webhookIntegrationUri,
  webhookProxyIntegration,
} from "../src/index.js";

describe("webhookProxyIntegration", () => {
  const integration = webhookProxyIntegration({
    webhookUrl: "https://discord.com/api/webhooks/1234567890123456789/token",
    userAgent: "DiscordBot (https://github.com/example/stepcord, 0.1.0)",
  });

  it("forwards POST to the webhook with ?wait=true so Discord returns the message id", () => {
    expect(integration).to.include({
      integrationType: "HTTP_PROXY",
      integrationMethod: "POST",
      payloadFormatVersion: "1.0",
    });
    expect(integration.integrationUri).to.equal(
      "https://discord.com/api/webhooks/1234567890123456789/token?wait=true",
    );
  });

  it("posts into a destination's thread through Discord's thread_id query parameter, after wait=true", () => {
    const inThread = webhookProxyIntegration({
      webhookUrl: "https://discord.com/api/webhooks/1234567890123456789/token",
      userAgent: "DiscordBot (https://github.com/example/stepcord, 0.1.0)",
      threadId: "222222222222222222",
    });
    expect(inThread.integrationUri).to.equal(
      "https://discord.com/api/webhooks/1234567890123456789/token?wait=true&thread_id=222222222222222222",
    );
  });

  it("refuses a thread id that is not a snowflake, so nothing else reaches the query", () => {
    expect(() => webhookIntegrationUri("https://discord.com/api/webhooks/1/token", "1&wait=false")).to.throw(
      RangeError,
      "snowflake",
    );
  });

  it("overwrites User-Agent and Content-Type the way Discord expects", () => {
    expect(integration.requestParameters).to.deep.equal({
      "overwrite:header.User-Agent": "DiscordBot (https://github.com/example/stepcord, 0.1.0)",
      "overwrite:header.Content-Type": "application/json",
    });
  });
});

describe("webhookIntegrationUri", () => {
  const url = "https://discord.com/api/v10/webhooks/1234567890123456789/token";

  it("posts into a thread with Discord's thread_id query, after wait=true", () => {
    expect(webhookIntegrationUri(url, "1400000000000000001")).to.equal(
      `${url}?wait=true&thread_id=1400000000000000001`,
    );
  });

  it("refuses a thread id that is not a Discord id, which would change the query", () => {
    expect(() => webhookIntegrationUri(url, "1&wait=false")).to.throw(RangeError, /15-20 digits/);
  });
});

describe("startExecutionIntegration", () => {
  it("starts a STANDARD state machine asynchronously with the request body as input", () => {
    expect(
      startExecutionIntegration({
        stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:n",
        credentialsArn: "arn:aws:iam::123456789012:role/r",
        workflowType: "STANDARD",
      }),
    ).to.deep.include({
      integrationType: "AWS_PROXY",
      integrationSubtype: "StepFunctions-StartExecution",
      payloadFormatVersion: "1.0",
      credentialsArn: "arn:aws:iam::123456789012:role/r",
      requestParameters: {
        StateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:n",
        Input: "$request.body",
      },
    });
  });

  it("runs an EXPRESS state machine synchronously, so the bot's answer carries the execution's outcome", () => {
    const settings = startExecutionIntegration({
      stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:n",
      credentialsArn: "arn:aws:iam::123456789012:role/r",
      workflowType: "EXPRESS",
    });
    expect(settings.integrationSubtype).to.equal("StepFunctions-StartSyncExecution");
    // HTTP APIs cap integration timeouts at 30 s, and the workflow must end before it.
    expect(settings.timeoutMilliseconds).to.equal(30_000);
    expect(EXPRESS_TIMEOUT_SECONDS * 1000).to.be.lessThan(settings.timeoutMilliseconds);
  });
});
