import { readFileSync } from "node:fs";
import { expect } from "chai";
import { parse } from "yaml";
import { DEFAULTS, SETTING_KEYS } from "../src/config.js";

const root = new URL("../../", import.meta.url);
const project = parse(readFileSync(new URL("Pulumi.yaml", root), "utf8"));
const devStack = parse(readFileSync(new URL("Pulumi.dev.yaml", root), "utf8"));

describe("Pulumi.yaml and Pulumi.dev.yaml", () => {
  it("run infra/ with pnpm and tsx", () => {
    expect(project).to.include({ name: "stepcord", main: "infra/" });
    expect(project.runtime).to.deep.equal({
      name: "nodejs",
      options: { packagemanager: "pnpm", typescript: false, nodeargs: "--import tsx" },
    });
  });

  it("declare every setting the program reads, with a description", () => {
    expect(Object.keys(project.config).sort()).to.deep.equal(
      [...SETTING_KEYS, "discordWebhookUrl", "servers"].sort(),
    );
    for (const [key, declaration] of Object.entries<{ description?: string }>(project.config)) {
      expect(declaration.description, key).to.be.a("string").with.length.greaterThan(20);
    }
  });

  it("declare the same defaults the program applies", () => {
    for (const [key, value] of Object.entries(DEFAULTS)) {
      expect(project.config[key].default, key).to.equal(value);
    }
  });

  // pulumi/pulumi pkg/workspace/config.go, mergeConfig: a project key with neither a value on the stack nor a default
  // is "missing configuration" and fails the run, so an optional key needs a default.
  it("give every setting a default, since Pulumi refuses a stack missing a key without one", () => {
    for (const [key, declaration] of Object.entries<{ default?: unknown }>(project.config)) {
      expect(declaration, key).to.have.property("default");
    }
  });

  // Same file, validateStackConfigValue: a key declared `secret: true` whose stack value is not secure fails, and
  // mergeConfig applies the (plain) default first, so a secret key with a default fails every stack that leaves it
  // unset. Both webhook keys are optional now; the program refuses them in plain text instead (read-config.ts).
  it("declare no key both secret and defaulted, which Pulumi would refuse on every stack that leaves it unset", () => {
    for (const [key, declaration] of Object.entries<{ default?: unknown; secret?: boolean }>(
      project.config,
    )) {
      expect(declaration.secret === true && "default" in declaration, key).to.equal(false);
    }
  });

  // The project schema's simpleConfigType (pulumi/pulumi sdk/go/common/workspace/project.json) allows string,
  // integer, boolean, array and object; an object value is checked to be a map (project.go ValidateConfigValue).
  it("declare stepcord:servers as an object defaulting to no servers, and the webhook URL as optional text", () => {
    expect(project.config.servers).to.deep.include({ type: "object", default: {} });
    expect(project.config.discordWebhookUrl).to.include({ type: "string", default: "" });
    for (const [key, declaration] of Object.entries<{ type: string }>(project.config))
      expect(["string", "integer", "boolean", "array", "object"], key).to.include(declaration.type);
  });

  it("keep the dev stack free of secrets and set its region", () => {
    expect(devStack.config["aws:region"]).to.match(/^[a-z]{2}-[a-z]+-\d$/);
    expect(devStack.config).not.to.have.property("stepcord:discordWebhookUrl");
    expect(JSON.stringify(devStack)).not.to.include("discord.com/api/webhooks");
  });
});
