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
    expect(Object.keys(project.config).sort()).to.deep.equal([...SETTING_KEYS, "discordWebhookUrl"].sort());
    for (const [key, declaration] of Object.entries<{ description?: string }>(project.config)) {
      expect(declaration.description, key).to.be.a("string").with.length.greaterThan(20);
    }
  });

  it("declare the same defaults the program applies", () => {
    for (const [key, value] of Object.entries(DEFAULTS)) {
      expect(project.config[key].default, key).to.equal(value);
    }
  });

  it("give every setting but the webhook URL a default, since Pulumi refuses a stack missing a key without one", () => {
    for (const [key, declaration] of Object.entries<{ default?: unknown }>(project.config)) {
      if (key === "discordWebhookUrl") continue;
      expect(declaration, key).to.have.property("default");
    }
  });

  it("declare the webhook URL secret and required (no default)", () => {
    expect(project.config.discordWebhookUrl).to.include({ type: "string", secret: true });
    expect(project.config.discordWebhookUrl).not.to.have.property("default");
  });

  it("keep the dev stack free of secrets and set its region", () => {
    expect(devStack.config["aws:region"]).to.match(/^[a-z]{2}-[a-z]+-\d$/);
    expect(devStack.config).not.to.have.property("stepcord:discordWebhookUrl");
    expect(JSON.stringify(devStack)).not.to.include("discord.com/api/webhooks");
  });
});
