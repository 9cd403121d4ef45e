import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  destinationTable,
  parseDiscordWebhookUrl,
  serverDirectory,
  serversConfigSchema,
} from "@stepcord/definitions";
import { expect } from "chai";
import { ConfigError } from "../../src/config/config-error.js";
import { parseServerDirectory, readServersFile } from "../../src/config/server-directory.js";

const GUILD_1 = "111111111111111111";
const VOICE = "333333333333333333";
const TOKEN = "a".repeat(68);

/** What the infra stack exports as `servers`: the definitions package's own serverDirectory(), through JSON. */
function stackOutput() {
  const servers = serversConfigSchema().parse({
    [GUILD_1]: {
      webhookUrl: `https://discord.com/api/webhooks/100000000000000001/${TOKEN}`,
      channels: { [VOICE]: { threadId: "444444444444444444" } },
      rules: { quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" }, events: ["join"] },
    },
  });
  const fallback = parseDiscordWebhookUrl(`https://discord.com/api/webhooks/100000000000000009/${TOKEN}`);
  return JSON.parse(JSON.stringify(serverDirectory(servers, destinationTable(servers, fallback))));
}

const problemsOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
};

describe("parseServerDirectory", () => {
  it("reads the stack's servers output back as the directory, undefined ids and all", () => {
    const directory = parseServerDirectory(stackOutput(), "STEPCORD_STACK=dev output servers");
    expect(directory.everyServer).to.equal(true);
    expect(directory.destinations.map((d) => d.id)).to.deep.equal([
      `g${GUILD_1}-c${VOICE}`,
      `g${GUILD_1}`,
      "default",
    ]);
    expect(directory.destinations[2]).to.deep.equal({
      id: "default",
      guildId: undefined,
      voiceChannelId: undefined,
      threadId: undefined,
      rateLimitKey: "100000000000000009",
    });
    expect(directory.rules[GUILD_1]?.quietHours).to.deep.equal({
      from: "23:00",
      to: "07:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("accepts the directory as JSON text too (a file read whole, or an output exported as a string)", () => {
    const directory = parseServerDirectory(JSON.stringify(stackOutput()), "STEPCORD_SERVERS_FILE=s.json");
    expect(directory.destinations).to.have.length(3);
  });

  it("lists every problem at once, each with its path and where it was read", () => {
    const problems = problemsOf(() =>
      parseServerDirectory(
        {
          destinations: [{ id: "g1", guildId: "not-a-guild" }],
          rules: { [GUILD_1]: { quietHours: { from: "25:00", to: "07:00", timeZone: "Mars/Olympus" } } },
        },
        "STEPCORD_SERVERS_FILE=s.json",
      ),
    );
    const paths = problems.map((p) => p.split(": ")[1]);
    expect(paths).to.include.members([
      "destinations.0.guildId",
      "destinations.0.rateLimitKey",
      `rules.${GUILD_1}.quietHours.from`,
      `rules.${GUILD_1}.quietHours.timeZone`,
      "everyServer",
    ]);
    for (const p of problems) expect(p).to.match(/^STEPCORD_SERVERS_FILE=s\.json: /);
  });

  it("refuses two destinations with one id, which would make routing ambiguous", () => {
    const output = stackOutput();
    output.destinations.push(output.destinations[0]);
    const problems = problemsOf(() => parseServerDirectory(output, "here"));
    expect(problems).to.deep.equal([
      `here: destinations.3.id: repeats g${GUILD_1}-c${VOICE}; each destination id is unique`,
    ]);
  });

  it("refuses everyServer true without an every-server destination, which would route unlisted guilds nowhere", () => {
    const output = stackOutput();
    output.destinations.pop();
    const problems = problemsOf(() => parseServerDirectory(output, "here"));
    expect(problems).to.deep.equal([
      "here: everyServer: is true but no destination is without a guildId; write the stack's servers output unchanged",
    ]);
  });

  it("says what the file must hold when it is not JSON", () => {
    const problems = problemsOf(() => parseServerDirectory("{ nope", "STEPCORD_SERVERS_FILE=s.json"));
    expect(problems[0]).to.match(/^STEPCORD_SERVERS_FILE=s\.json: not JSON/);
    expect(problems[0]).to.include("pulumi stack output servers --json");
  });
});

describe("readServersFile", () => {
  it("reads and checks the file STEPCORD_SERVERS_FILE names", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stepcord-servers-"));
    const file = join(dir, "servers.json");
    await writeFile(file, JSON.stringify(stackOutput()));
    expect((await readServersFile(file)).everyServer).to.equal(true);
  });

  it("names the variable and the fix when the file is missing", async () => {
    const error = await readServersFile("/nonexistent/servers.json").catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).to.equal(
      "STEPCORD_SERVERS_FILE=/nonexistent/servers.json: no such file; write the infra stack's servers output there (pulumi stack output servers --json > /nonexistent/servers.json) or unset STEPCORD_SERVERS_FILE",
    );
  });
});
