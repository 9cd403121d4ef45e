import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { InvalidConfigError } from "../src/config.js";
import { readConfig } from "../src/read-config.js";
import { MOCK_WEBHOOK_URL } from "./harness/program.js";

// readConfig reads Pulumi's process-wide config; each case sets all of it (setAllConfig replaces the map), and the
// program harness sets its own before it runs, so these cases cannot leak into the program tests.
function configured(config: Record<string, string>): InvalidConfigError | ReturnType<typeof readConfig> {
  pulumi.runtime.setAllConfig(config, ["stepcord:discordWebhookUrl"]);
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
}

describe("readConfig", () => {
  it("accepts a stack with only the region and the webhook URL set, applying the defaults", () => {
    const result = configured({ "aws:region": "eu-west-1", "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL });
    expect(result).not.to.be.instanceOf(InvalidConfigError);
    const { settings, region } = result as ReturnType<typeof readConfig>;
    expect(region).to.equal("eu-west-1");
    expect(settings.workflowType).to.equal("EXPRESS");
  });

  it("names the command that sets a missing webhook URL and a missing region, both in one error", () => {
    const error = configured({});
    expect(error).to.be.instanceOf(InvalidConfigError);
    const { problems } = error as InvalidConfigError;
    expect(problems.join("\n")).to.include("pulumi config set --secret stepcord:discordWebhookUrl");
    expect(problems.join("\n")).to.include("pulumi config set aws:region");
  });

  it("refuses a URL that is not a Discord webhook, without echoing its token", () => {
    const error = configured({
      "aws:region": "eu-west-1",
      "stepcord:discordWebhookUrl": "https://example.org/api/webhooks/1/secret-token-value",
    });
    expect(error).to.be.instanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).message).to.include("stepcord:discordWebhookUrl");
    expect((error as InvalidConfigError).message).not.to.include("secret-token-value");
  });

  it("refuses a webhook URL that carries its own query", () => {
    const error = configured({
      "aws:region": "eu-west-1",
      "stepcord:discordWebhookUrl": `${MOCK_WEBHOOK_URL}?wait=false`,
    });
    expect(error).to.be.instanceOf(InvalidConfigError);
    expect((error as InvalidConfigError).problems.join()).to.include("stepcord:discordWebhookUrl");
  });

  it("reports a list that is not JSON and a bad workflow type together", () => {
    const error = configured({
      "aws:region": "eu-west-1",
      "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL,
      "stepcord:invokerUsers": "bot-user",
      "stepcord:workflowType": "FAST",
    });
    expect(error).to.be.instanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems.join("\n");
    expect(problems).to.include('stepcord:invokerUsers: must be a JSON list of names, e.g. ["bot-user"]');
    expect(problems).to.include("workflowType");
  });
});
