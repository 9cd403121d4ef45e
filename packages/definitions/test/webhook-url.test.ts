import { expect } from "chai";
import {
  DISCORD_API_VERSION,
  discordUserAgent,
  InvalidWebhookUrlError,
  parseDiscordWebhookUrl,
  redactWebhookUrl,
} from "../src/index.js";

const TOKEN = "a".repeat(34) + "B_c-".repeat(9);
// What Discord's "Copy Webhook URL" hands out: unversioned, which Discord serves as its deprecated default, v6.
const URL_ = `https://discord.com/api/webhooks/1234567890123456789/${TOKEN}`;
const V10_URL = `https://discord.com/api/v10/webhooks/1234567890123456789/${TOKEN}`;

describe("parseDiscordWebhookUrl", () => {
  it("splits a pasted webhook URL into its id and token and calls it on API v10, not the default v6", () => {
    expect(DISCORD_API_VERSION).to.equal(10);
    expect(parseDiscordWebhookUrl(URL_)).to.deep.equal({
      id: "1234567890123456789",
      token: TOKEN,
      url: V10_URL,
    });
  });

  it("normalises discordapp.com, ptb, canary and any versioned path to discord.com/api/v10", () => {
    for (const variant of [
      `https://discordapp.com/api/webhooks/1234567890123456789/${TOKEN}`,
      `https://ptb.discord.com/api/v10/webhooks/1234567890123456789/${TOKEN}/`,
      `https://canary.discord.com/api/webhooks/1234567890123456789/${TOKEN}`,
      `https://discord.com/api/v6/webhooks/1234567890123456789/${TOKEN}`,
      `https://discord.com/api/v9/webhooks/1234567890123456789/${TOKEN}`,
    ]) {
      expect(parseDiscordWebhookUrl(variant).url).to.equal(V10_URL);
    }
  });

  it("refuses what is not a Discord webhook, saying how to get the right one", () => {
    const cases: [unknown, string][] = [
      ["", "it is empty"],
      [undefined, "it is empty"],
      ["discord.com/api/webhooks/1/2", "it is not a URL"],
      [`http://discord.com/api/webhooks/1234567890123456789/${TOKEN}`, "https://"],
      [`https://evil.example/api/webhooks/1234567890123456789/${TOKEN}`, "host evil.example"],
      [`https://discord.com/api/webhooks/1234567890123456789/${TOKEN}?wait=true`, "query"],
      ["https://discord.com/api/webhooks/1234567890123456789", "path"],
      ["https://discord.com/channels/1/2", "path"],
    ];
    for (const [value, problem] of cases) {
      expect(() => parseDiscordWebhookUrl(value), String(value))
        .to.throw(InvalidWebhookUrlError, problem)
        .with.property("message")
        .that.includes("pulumi config set --secret stepcord:discordWebhookUrl");
    }
  });

  it("never repeats the token in its error message", () => {
    const leaky = `https://discord.com/api/webhooks/1234567890123456789/${TOKEN}#x`;
    expect(() => parseDiscordWebhookUrl(leaky))
      .to.throw(InvalidWebhookUrlError)
      .with.property("message")
      .that.does.not.include(TOKEN.slice(0, 20));
  });

  it("accepts a loopback fake Discord only when asked to", () => {
    const local = `http://127.0.0.1:8790/api/webhooks/1234567890123456789/${TOKEN}`;
    expect(() => parseDiscordWebhookUrl(local)).to.throw(InvalidWebhookUrlError);
    expect(parseDiscordWebhookUrl(local, { allowLoopback: true }).url).to.equal(
      `http://127.0.0.1:8790/api/v10/webhooks/1234567890123456789/${TOKEN}`,
    );
  });

  it("redacts the token for logs", () => {
    expect(redactWebhookUrl(parseDiscordWebhookUrl(URL_))).to.equal(
      "https://discord.com/api/v10/webhooks/1234567890123456789/[redacted]",
    );
  });
});

describe("discordUserAgent", () => {
  it("follows Discord's DiscordBot (url, version) form", () => {
    expect(discordUserAgent("https://github.com/example/stepcord", "0.1.0")).to.equal(
      "DiscordBot (https://github.com/example/stepcord, 0.1.0)",
    );
  });

  it("refuses a repo that is not a URL", () => {
    expect(() => discordUserAgent("stepcord", "0.1.0")).to.throw(TypeError, "Invalid repoUrl");
  });
});
