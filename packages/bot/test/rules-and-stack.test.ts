import { expect } from "chai";
import { parseConfig } from "../src/config.js";
import { ConfigError } from "../src/config-error.js";
import { RuleGate, type RuleInput } from "../src/rule-gate.js";
import { readStackOutputs } from "../src/stack-outputs.js";

const rules = (env: Record<string, string> = {}) =>
  parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/e", ...env }).rules;
const input = (over: Partial<RuleInput> = {}): RuleInput => ({
  type: "join",
  guildId: "g",
  channelId: "c",
  userId: "u",
  afkChannelId: "afk",
  isBot: false,
  isSelf: false,
  membersInChannel: 1,
  ...over,
});

describe("RuleGate", () => {
  it("ignores bots, the bot itself and the AFK channel by default", () => {
    const gate = new RuleGate(rules());
    expect(gate.allow(input({ isBot: true }))).to.equal(false);
    expect(gate.allow(input({ isSelf: true }))).to.equal(false);
    expect(gate.allow(input({ channelId: "afk" }))).to.equal(false);
    expect(gate.allow(input())).to.equal(true);
  });

  it("applies allowlists and the member threshold, the threshold to joins only", () => {
    const gate = new RuleGate(rules({ GUILD_ALLOWLIST: "g", MIN_MEMBERS: "2" }));
    expect(gate.allow(input({ guildId: "other", membersInChannel: 5 }))).to.equal(false);
    expect(gate.allow(input({ membersInChannel: 1 }))).to.equal(false);
    expect(gate.allow(input({ membersInChannel: 2 }))).to.equal(true);
    expect(gate.allow(input({ type: "leave", membersInChannel: 0 }))).to.equal(true);
  });

  it("with FIRST_JOINER_ONLY lets a join through only when the joiner is alone in the channel, and never holds back a leave", () => {
    const gate = new RuleGate(rules({ FIRST_JOINER_ONLY: "true" }));
    expect(gate.allow(input({ membersInChannel: 1 }))).to.equal(true);
    expect(gate.allow(input({ membersInChannel: 2 }))).to.equal(false);
    expect(gate.allow(input({ type: "leave", membersInChannel: 3 }))).to.equal(true);
  });

  it("treats quiet hours that wrap midnight as quiet on both sides", () => {
    const gate = new RuleGate(rules({ QUIET_HOURS: "22-7" }));
    expect(gate.isQuiet(Date.UTC(2026, 0, 1, 23))).to.equal(true);
    expect(gate.isQuiet(Date.UTC(2026, 0, 1, 3))).to.equal(true);
    expect(gate.isQuiet(Date.UTC(2026, 0, 1, 12))).to.equal(false);
  });
});

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
