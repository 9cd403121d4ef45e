import { expect } from "chai";
import { InvalidLocalPortError, localPortsFromEnv } from "../src/index.js";

describe("localPortsFromEnv", () => {
  it("reads every port variable, the fake Discord webhook's included", () => {
    expect(
      localPortsFromEnv({
        STEPCORD_EVENTS_PORT: "4100",
        STEPCORD_WEBHOOK_PORT: "4101",
        STEPCORD_STEPFUNCTIONS_PORT: "4102",
        STEPCORD_FAKE_WEBHOOK_PORT: "4103",
      }),
    ).to.deep.equal({ events: 4100, webhook: 4101, stepFunctions: 4102, fakeWebhook: 4103 });
  });

  it("leaves unset and empty variables out, so the OS picks a free port", () => {
    expect(localPortsFromEnv({ STEPCORD_EVENTS_PORT: "" })).to.deep.equal({});
  });

  it("keeps 0, which asks the OS for a free port, instead of treating it as unset", () => {
    expect(localPortsFromEnv({ STEPCORD_FAKE_WEBHOOK_PORT: "0" })).to.deep.equal({ fakeWebhook: 0 });
  });

  it("refuses every malformed port at once, naming each variable and value", () => {
    let thrown: unknown;
    try {
      localPortsFromEnv({ STEPCORD_EVENTS_PORT: "80a", STEPCORD_FAKE_WEBHOOK_PORT: "70000" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).to.be.instanceOf(InvalidLocalPortError);
    const error = thrown as InvalidLocalPortError;
    expect(error.code).to.equal("STEPCORD_INVALID_LOCAL_PORT");
    expect(error.message).to.include(
      'Invalid STEPCORD_EVENTS_PORT "80a". Must be a whole number from 0 to 65535',
    );
    expect(error.message).to.include('Invalid STEPCORD_FAKE_WEBHOOK_PORT "70000"');
  });
});
