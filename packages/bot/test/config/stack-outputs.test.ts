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
      servers: undefined,
    });
  });

  it("reads the servers output as the server directory, naming the stack in its problems", async () => {
    const directory = { destinations: [{ id: "default", rateLimitKey: "1" }], rules: {}, everyServer: true };
    const out = await readStackOutputs("dev", async () =>
      JSON.stringify({
        eventsEndpoint: "https://x.execute-api.eu-west-1.amazonaws.com/e",
        servers: directory,
      }),
    );
    expect(out.servers?.destinations[0]?.rateLimitKey).to.equal("1");
    const error = await readStackOutputs("dev", async () =>
      JSON.stringify({ eventsEndpoint: "https://x.execute-api.eu-west-1.amazonaws.com/e", servers: {} }),
    ).catch((e: unknown) => e);
    expect((error as ConfigError).problems[0]).to.match(/^STEPCORD_STACK=dev output servers: destinations: /);
  });

  it("says to install the Pulumi CLI, as the sigv4 CLI does, when pulumi is not on PATH", async () => {
    const missing = Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" });
    const error = await readStackOutputs("dev", async () => Promise.reject(missing)).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems).to.deep.equal([
      'STEPCORD_STACK=dev: The Pulumi CLI was not found (tried "pulumi"): install the Pulumi CLI (https://www.pulumi.com/docs/install/) or set EVENTS_ENDPOINT instead.',
    ]);
  });

  it("explains how to fix a stack without an eventsEndpoint", async () => {
    const error = await readStackOutputs("dev", async () => "{}").catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).message).to.match(/set EVENTS_ENDPOINT/);
  });
});
