import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { userFacingFailure } from "../src/cli/cli-failure.js";
import { demoGuild } from "../src/demo/evening.js";

/** Runs one of the package's CLIs as `pnpm local`/`pnpm demo` do and collects what it printed. */
function runCli(
  entry: "local" | "demo",
  env: Record<string, string>,
): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", `src/cli/${entry}.ts`],
      { cwd: new URL("..", import.meta.url), env: { ...process.env, LOG_LEVEL: "silent", ...env } },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
  });
}

/** A Node stack trace line, which a user-caused failure should not print. */
const STACK_LINE = /^\s+at /m;

describe("userFacingFailure", () => {
  it("passes a bot ConfigError's list of problems through", () => {
    const error = Object.assign(new Error("stepcord bot configuration is invalid:\n  - X"), {
      name: "ConfigError",
    });
    expect(userFacingFailure(error)).to.equal("stepcord bot configuration is invalid:\n  - X");
  });

  it("turns discord.js's TokenInvalid into where to get a new token", () => {
    const error = Object.assign(new Error("An invalid token was provided."), { code: "TokenInvalid" });
    expect(userFacingFailure(error)).to.include("Bot → Reset Token");
  });

  it("turns the bot's DISCORD_TOKEN_INVALID, after its back-off, into where to get a new token", () => {
    const error = Object.assign(new Error("Discord refused the bot token"), {
      code: "DISCORD_TOKEN_INVALID",
    });
    expect(userFacingFailure(error)).to.include("Bot → Reset Token");
  });

  it("leaves an unexpected error alone, so its stack is shown", () => {
    expect(userFacingFailure(new TypeError("x is undefined"))).to.equal(undefined);
  });
});

describe("pnpm local with a DISCORD_WEBHOOK_URL that is not a Discord webhook", () => {
  const token = "webhook-token-that-must-not-be-printed";

  it("names the variable and the problem on one line, never the URL, and exits 1", async () => {
    const result = await runCli("local", {
      DISCORD_WEBHOOK_URL: `https://example.com/api/webhooks/123/${token}`,
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(
      "pnpm local: DISCORD_WEBHOOK_URL: its host example.com is not discord.com.",
    );
    expect(result.stderr).to.include("unset DISCORD_WEBHOOK_URL");
    expect(result.stderr).not.to.include(token);
    expect(result.stderr).not.to.match(STACK_LINE);
  });
});

describe("pnpm local with a STEPCORD_LOCAL_SERVERS_FILE that stepcord:servers' schema refuses", () => {
  const token = "t".repeat(68);

  it("lists every problem on one line, never a token, and exits 1", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "stepcord-servers-")), "servers.json");
    await writeFile(
      file,
      JSON.stringify({
        "my-server": { webhookUrl: `http://127.0.0.1:1/api/webhooks/1300000000000000010/${token}` },
        "100000000000000001": { webhookUrl: `https://example.com/api/webhooks/1/${token}`, colour: "red" },
      }),
    );
    const result = await runCli("local", { STEPCORD_LOCAL_SERVERS_FILE: file });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include(`pnpm local: Invalid local servers config (${file}): my-server`);
    expect(result.stderr).to.include("is not a server id").and.include("colour");
    expect(result.stderr).not.to.include(token);
    expect(result.stderr).not.to.match(STACK_LINE);
  });

  it("names a file that is not JSON without printing its content", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "stepcord-servers-")), "servers.json");
    await writeFile(file, `{"100000000000000001": {"webhookUrl": "${token}"`);
    const result = await runCli("local", { STEPCORD_LOCAL_SERVERS_FILE: file });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include("it is not JSON");
    expect(result.stderr).not.to.include(token);
  });
});

describe("pnpm local with a bad port variable", () => {
  it("prints each bad variable on one line and no stack trace, and exits 1", async () => {
    const result = await runCli("local", { STEPCORD_EVENTS_PORT: "abc", STEPCORD_WEBHOOK_PORT: "99999" });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include('pnpm local: Invalid STEPCORD_EVENTS_PORT "abc".');
    expect(result.stderr).to.include('Invalid STEPCORD_WEBHOOK_PORT "99999".');
    expect(result.stderr).not.to.match(STACK_LINE);
  });
});

describe("pnpm demo with a DISCORD_TOKEN that Discord refuses", function () {
  this.timeout(60_000);
  let discord: FakeDiscord;
  afterEach(async () => discord.close());

  it("says where to get a new token, without the token or a stack trace, and exits 1", async () => {
    discord = await startFakeDiscord({ guilds: [demoGuild()] });
    const result = await runCli("demo", {
      DISCORD_TOKEN: "not-the-token-discord-knows",
      DISCORD_API_URL: discord.restUrl,
      STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-demo-token-")),
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.include("pnpm demo: Discord refused DISCORD_TOKEN");
    expect(result.stderr).not.to.match(STACK_LINE);
    expect(result.stderr + result.stdout).not.to.include("not-the-token-discord-knows");
  });

  it("logs pino's JSON lines when its output is not a terminal", async () => {
    discord = await startFakeDiscord({ guilds: [demoGuild()] });
    const result = await runCli("demo", {
      DISCORD_TOKEN: "not-the-token-discord-knows",
      DISCORD_API_URL: discord.restUrl,
      STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-demo-token-")),
      LOG_LEVEL: "info",
    });
    const first = result.stderr.split("\n")[0] ?? "";
    expect(JSON.parse(first)).to.include({ level: 30, msg: "AWS credentials" });
  });
});
