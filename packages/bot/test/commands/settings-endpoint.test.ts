import { expect } from "chai";
import { settingsEndpoint } from "../../src/commands/settings-endpoint.js";

describe("settingsEndpoint", () => {
  it("puts /settings in place of /events on the same API, keeping the stage", () => {
    expect(
      settingsEndpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/events", undefined),
    ).to.equal("https://abc123.execute-api.eu-west-1.amazonaws.com/prod/settings");
  });

  it("takes the $default stage's bare /events too", () => {
    expect(settingsEndpoint("http://127.0.0.1:4010/events", undefined)).to.equal(
      "http://127.0.0.1:4010/settings",
    );
  });

  it("prefers SETTINGS_ENDPOINT when it is set", () => {
    expect(settingsEndpoint("http://127.0.0.1:4010/events", "http://127.0.0.1:9/s")).to.equal(
      "http://127.0.0.1:9/s",
    );
  });

  it("derives nothing from an endpoint whose path does not end in /events", () => {
    expect(settingsEndpoint("http://127.0.0.1:4010/e", undefined)).to.equal(undefined);
  });
});
