import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { InvalidConfigError } from "../src/config.js";
import { readConfig } from "../src/read-config.js";
import { MOCK_WEBHOOK_URL } from "./harness/program.js";
import {
  GUILD_A,
  GUILD_B,
  serversConfig,
  TOKEN_A,
  TOKEN_A_QUIET,
  TOKEN_B,
  TWO_SERVERS,
  VOICE_A,
  WEBHOOK_A,
} from "./harness/servers-fixtures.js";

const REGION = { "aws:region": "eu-west-1" };

function configured(config: Record<string, string>, secretKeys: string[]) {
  pulumi.runtime.setAllConfig(config, secretKeys);
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof InvalidConfigError) return error;
    throw error;
  }
}

function problemsOf(result: unknown): string[] {
  expect(result).to.be.instanceOf(InvalidConfigError);
  return (result as InvalidConfigError).problems;
}

function accepted(result: unknown): ReturnType<typeof readConfig> {
  if (result instanceof InvalidConfigError) expect.fail(result.message);
  return result as ReturnType<typeof readConfig>;
}

describe("readConfig with stepcord:servers", () => {
  it("accepts servers without discordWebhookUrl: only the listed servers get notices", () => {
    const { config, secretKeys } = serversConfig(TWO_SERVERS);
    const result = accepted(configured({ ...REGION, ...config }, secretKeys));
    expect(Object.keys(result.servers ?? {})).to.deep.equal([GUILD_A, GUILD_B]);
    expect(result.everyServerWebhook).to.equal(undefined);
  });

  it("accepts both: listed servers to their own webhooks, every other server to discordWebhookUrl", () => {
    const { config, secretKeys } = serversConfig(TWO_SERVERS);
    const result = accepted(
      configured({ ...REGION, ...config, "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL }, [
        ...secretKeys,
        "stepcord:discordWebhookUrl",
      ]),
    );
    expect(result.servers).to.have.property(GUILD_B);
    expect(result.everyServerWebhook?.id).to.equal("1234567890123456789");
  });

  it("treats an empty map, Pulumi.yaml's default, as no servers", () => {
    const result = accepted(
      configured({ ...REGION, "stepcord:servers": "{}", "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL }, [
        "stepcord:discordWebhookUrl",
      ]),
    );
    expect(result.servers).to.equal(undefined);
  });

  it("names both ways to give notices somewhere to go when neither is set", () => {
    const problems = problemsOf(
      configured({ ...REGION, "stepcord:servers": "{}", "stepcord:discordWebhookUrl": "" }, []),
    ).join("\n");
    expect(problems).to.include("pulumi config set --secret stepcord:discordWebhookUrl <url>");
    expect(problems).to.include(
      "pulumi config set --secret --path 'stepcord:servers.<guild id>.webhookUrl' <url>",
    );
  });

  it("refuses webhook URLs kept in plain text, with the command that encrypts each, and no token", () => {
    const { config } = serversConfig(TWO_SERVERS);
    const problems = problemsOf(configured({ ...REGION, ...config }, [])).join("\n");
    for (const path of [
      `${GUILD_A}.webhookUrl`,
      `${GUILD_A}.channels.${VOICE_A}.webhookUrl`,
      `${GUILD_B}.webhookUrl`,
    ])
      expect(problems).to.include(`\`pulumi config set --secret --path 'stepcord:servers.${path}' <url>\``);
    for (const token of [TOKEN_A, TOKEN_A_QUIET, TOKEN_B]) expect(problems).not.to.include(token);
  });

  it("refuses discordWebhookUrl kept in plain text, now that Pulumi.yaml cannot declare it secret", () => {
    const problems = problemsOf(
      configured({ ...REGION, "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL }, []),
    );
    expect(problems).to.deep.equal([
      "stepcord:discordWebhookUrl: is stored in plain text; store it as a secret: `pulumi config set --secret stepcord:discordWebhookUrl <url>`",
    ]);
  });

  it("lists every problem at once, each at its stepcord:servers.<path>, and never a token", () => {
    const { config, secretKeys } = serversConfig({
      [GUILD_A]: { webhookUrl: `https://example.org/api/webhooks/1/${TOKEN_A}`, colour: "red" },
      [WEBHOOK_A]: { webhookUrl: WEBHOOK_A },
      "12": { webhookUrl: WEBHOOK_A },
      [GUILD_B]: {
        webhookUrl: `https://discord.com/api/webhooks/500000000000000002/${TOKEN_B}`,
        rules: { minMembers: 200 },
      },
    });
    const problems = problemsOf(configured({ ...REGION, ...config }, secretKeys));
    const text = problems.join("\n");
    expect(text).to.include(`stepcord:servers.${GUILD_A}.webhookUrl: not a Discord webhook URL`);
    expect(text).to.include(`stepcord:servers.${GUILD_A}: Unrecognized key: "colour"`);
    expect(text).to.include("stepcord:servers.12: is not a server id");
    expect(text).to.include(`stepcord:servers.${GUILD_B}.rules.minMembers:`);
    expect(problems.length).to.be.greaterThanOrEqual(5);
    for (const token of [TOKEN_A, TOKEN_B]) expect(text).not.to.include(token);
  });

  it("tells how to set a Discord id that `config set --path` turned into a rounded number", () => {
    // The CLI stores `123456789012345678` given to --path as an integer (config.go's `config set` help: "integers
    // are treated as numbers"); JSON numbers past 2^53 reach the program rounded, so only text keeps the id.
    const raw = `{"${GUILD_B}":{"webhookUrl":"${WEBHOOK_A}","threadId":444444444444444444}}`;
    const problems = problemsOf(configured({ ...REGION, "stepcord:servers": raw }, ["stepcord:servers"]));
    expect(problems).to.deep.equal([
      `stepcord:servers.${GUILD_B}.threadId: is a number, and a Discord id loses its last digits as one; set it as text: \`pulumi config set --path --type string 'stepcord:servers.${GUILD_B}.threadId' <id>\``,
    ]);
  });

  it("refuses a server's webhook that is also discordWebhookUrl, where every other server posts", () => {
    const { config, secretKeys } = serversConfig({ [GUILD_A]: { webhookUrl: MOCK_WEBHOOK_URL } });
    const problems = problemsOf(
      configured({ ...REGION, ...config, "stepcord:discordWebhookUrl": MOCK_WEBHOOK_URL }, [
        ...secretKeys,
        "stepcord:discordWebhookUrl",
      ]),
    );
    expect(problems.join("\n")).to.include(
      `stepcord:servers.${GUILD_A}.webhookUrl: is stepcord:discordWebhookUrl's webhook`,
    );
  });

  it("says what to do with a value that is not a map", () => {
    const problems = problemsOf(
      configured({ ...REGION, "stepcord:servers": "not json" }, ["stepcord:servers"]),
    );
    expect(problems[0]).to.match(
      /^stepcord:servers: is not a map; set its entries with `pulumi config set --path/,
    );
  });
});
