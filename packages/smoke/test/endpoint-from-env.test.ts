import { expect } from "chai";
import { serviceEndpoint } from "../src/aws-json-call.js";
import { endpointFromEnv } from "../src/cli/run-smoke-cli.js";

describe("endpointFromEnv (AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS)", () => {
  it("takes the variable's endpoint when it has one", () => {
    expect(endpointFromEnv("http://127.0.0.1:4566", "states", "eu-west-1")).to.equal("http://127.0.0.1:4566");
  });

  it("counts an empty variable as unset and takes the regional endpoint", () => {
    expect(endpointFromEnv("", "logs", "eu-west-1")).to.equal(serviceEndpoint("logs", "eu-west-1"));
  });

  it("takes the regional endpoint when the variable is unset", () => {
    expect(endpointFromEnv(undefined, "states", "eu-west-1")).to.equal(
      serviceEndpoint("states", "eu-west-1"),
    );
  });
});
