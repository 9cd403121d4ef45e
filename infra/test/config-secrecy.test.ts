import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { isConfigSecret } from "../src/config-secrecy.js";

describe("isConfigSecret", () => {
  // setAllConfig writes PULUMI_CONFIG_SECRET_KEYS the way the Node language host does from the engine's RunRequest
  // (pulumi/pulumi sdk/nodejs/runtime/config.ts persistConfig; sdk/nodejs/cmd/pulumi-language-nodejs/main.go).
  it("is true for a key the engine lists as secret, such as a map with one encrypted value inside", () => {
    pulumi.runtime.setAllConfig({ "stepcord:servers": "{}", "stepcord:workflowType": "EXPRESS" }, [
      "stepcord:servers",
    ]);
    expect(isConfigSecret("stepcord:servers")).to.equal(true);
  });

  it("is false for a key stored in plain text", () => {
    pulumi.runtime.setAllConfig({ "stepcord:servers": "{}" }, []);
    expect(isConfigSecret("stepcord:servers")).to.equal(false);
  });
});
