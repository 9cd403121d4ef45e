import { expect } from "chai";
import { ConfigError } from "../../src/config/config-error.js";
import { readStackOutputs } from "../../src/config/stack-outputs.js";

describe("readStackOutputs", () => {
  it("reads the endpoint and bot keys from the injected pulumi command", async () => {
    const out = await readStackOutputs("dev", async () =>
      JSON.stringify({
        eventsEndpoint: "https://x.execute-api.eu-west-1.amazonaws.com/e",
        botAccessKeyId: "AKID",
        botSecretAccessKey: "s",
      }),
    );
    expect(out).to.deep.equal({
      endpoint: "https://x.execute-api.eu-west-1.amazonaws.com/e",
      accessKeyId: "AKID",
      secretAccessKey: "s",
    });
  });

  it("explains how to fix a stack without an eventsEndpoint", async () => {
    const error = await readStackOutputs("dev", async () => "{}").catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).message).to.match(/set EVENTS_ENDPOINT/);
  });
});
