import { execFile, execFileSync } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { demoGuild } from "../src/demo/evening.js";

const ESC = String.fromCharCode(27);

/** util-linux's `script` runs a command on a pseudo-terminal, which is how a user's shell runs it. */
function scriptMissing(): string | undefined {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

function requireScript(context: Mocha.Context): void {
  const missing = scriptMissing();
  if (missing === undefined) return;
  console.log(`    (skipped: util-linux's script, which gives the CLI a terminal, is missing: ${missing})`);
  context.skip();
}

/** Runs a CLI of this package on a terminal and resolves with all it printed (stdout and stderr share the tty). */
function onTerminal(entry: string, env: Record<string, string>): Promise<string> {
  const cwd = new URL("..", import.meta.url);
  const command = `${JSON.stringify(process.execPath)} --import tsx src/cli/${entry}.ts`;
  return new Promise((resolve) => {
    execFile(
      "script",
      ["-qec", command, "/dev/null"],
      { cwd, env: { ...process.env, ...env } },
      (_e, stdout) => resolve(stdout),
    );
  });
}

describe("on a terminal", function () {
  this.timeout(60_000);

  it("pnpm demo colours its verdict", async function () {
    requireScript(this);
    const output = await onTerminal("demo", { LOG_LEVEL: "error" });
    expect(output).to.include(`${ESC}[32mdemo: OK`);
  });

  describe("with a DISCORD_TOKEN", () => {
    let discord: FakeDiscord;
    afterEach(async () => discord?.close());

    it("pnpm demo logs readable lines, not pino's JSON", async function () {
      requireScript(this);
      discord = await startFakeDiscord({ guilds: [demoGuild()] });
      const output = await onTerminal("demo", {
        DISCORD_TOKEN: "not-the-token-discord-knows",
        DISCORD_API_URL: discord.restUrl,
        STEPCORD_OUTBOX_DIR: await mkdtemp(join(tmpdir(), "stepcord-tty-")),
      });
      expect(output).to.match(/\] .*INFO.*: .*AWS credentials/);
      expect(output).not.to.include('"level":30');
    });
  });
});
