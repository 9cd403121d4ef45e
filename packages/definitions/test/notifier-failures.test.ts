import { fixtureBatches, joinEvent } from "@stepcord/events/fixtures";
import { expect } from "chai";
import { NOTIFIER_ERRORS } from "../src/index.js";
import { apiGatewayError, okResponse, runNotifier, testDefinition } from "./support/run-notifier.js";

async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error as Error;
  }
  throw new Error("the execution succeeded, but it should have failed");
}

describe("the notifier under faults and bad input", () => {
  it("hands a 5xx back at once in EXPRESS, where a second 12 s call would not fit its 25 s, and gives the claim back", async () => {
    let attempts = 0;
    const error = await failure(
      runNotifier(fixtureBatches.join, () => {
        attempts += 1;
        throw apiGatewayError(503, "status 503");
      }),
    );
    expect(attempts).to.equal(1);
    expect((error as { cause?: Error }).cause?.name).to.equal(NOTIFIER_ERRORS.deliveryFailed);
    const resend = await runNotifier(fixtureBatches.join, () => okResponse("1300000000000000042"));
    expect(resend.output).to.deep.include({ outcome: "delivered", messageId: "1300000000000000042" });
  });

  it("retries Discord's 429 and 5xx in STANDARD, which has nobody to hand a 429 to, then delivers", async () => {
    const answers = [429, 500, 502, 503, 429];
    const { calls, output } = await runNotifier(
      fixtureBatches.join,
      (_call, attempt) => {
        const status = answers[attempt - 1];
        if (status !== undefined) throw apiGatewayError(status, `status ${status}`);
        return okResponse("1300000000000000042");
      },
      testDefinition({ workflowType: "STANDARD" }),
    );
    expect(calls).to.have.length(6);
    expect(output).to.deep.include({ status: 200, messageId: "1300000000000000042" });
  });

  it("does not retry a permanent 4xx and fails with Discord's cause", async () => {
    let attempts = 0;
    const error = await failure(
      runNotifier(fixtureBatches.join, () => {
        attempts += 1;
        throw apiGatewayError(400, '{"code": 50035, "message": "Invalid Form Body"}');
      }),
    );
    expect(attempts).to.equal(1);
    expect(error.message).to.include("Invalid Form Body");
  });

  it("gives up after the last attempt instead of looping on a lasting outage", async () => {
    let attempts = 0;
    const error = await failure(
      runNotifier(
        fixtureBatches.join,
        () => {
          attempts += 1;
          throw apiGatewayError(503, "Service Unavailable");
        },
        testDefinition({ workflowType: "STANDARD" }),
      ),
    );
    expect(attempts).to.equal(6);
    expect(error.message).to.include("Service Unavailable");
  });

  it("fails fast with a cause naming the fix when the input is not a batch", async () => {
    for (const input of [
      {},
      { version: 1 },
      { ...fixtureBatches.join, quiet: "yes" },
      { ...fixtureBatches.join, events: [] },
    ]) {
      let called = false;
      const error = await failure(
        runNotifier(input, () => {
          called = true;
          return okResponse();
        }),
      );
      expect(error.message, JSON.stringify(input)).to.include("createVoiceEventBatch()");
      expect(called).to.equal(false);
    }
  });

  it("refuses more than ten events, Discord's embed limit", async () => {
    const events = Array.from({ length: 11 }, () => joinEvent);
    const error = await failure(runNotifier({ ...fixtureBatches.join, events }));
    expect(error.message).to.include("1-10 events");
  });

  it("refuses another contract version and says to deploy matching versions", async () => {
    const error = await failure(runNotifier({ ...fixtureBatches.join, version: 2 }));
    expect(error.message).to.include("version 1").and.include("pulumi up");
  });

  it("refuses an event of unknown kind or missing fields", async () => {
    for (const event of [
      { ...joinEvent, type: "dance" },
      { ...joinEvent, channel: {} },
      { ...joinEvent, type: "move" },
    ]) {
      const error = await failure(runNotifier({ ...fixtureBatches.join, events: [event] }));
      expect(error.message, JSON.stringify(event)).to.include("Build events with @stepcord/events");
    }
  });

  it("names its errors so alarms can tell bad input from an outage", () => {
    expect(Object.values(NOTIFIER_ERRORS)).to.deep.equal([
      "Stepcord.InvalidInput",
      "Stepcord.UnsupportedVersion",
      "Stepcord.InvalidEvent",
      "Stepcord.DeliveryFailed",
      "Stepcord.WebhookGone",
      "Stepcord.LedgerUnavailable",
      "Stepcord.MixedServers",
      "Stepcord.DeliveryUnclear",
    ]);
  });
});
