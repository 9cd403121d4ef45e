import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createServer } from "node:net";
import { expect } from "chai";

/** Starts `pnpm local`'s entry point and resolves with what it printed once the last line is out. */
async function startPnpmLocal(env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/local.ts"], {
    cwd: new URL("..", import.meta.url),
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
  });
  let output = "";
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("STEPCORD_OPERATOR_SECRET_ACCESS_KEY=")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`pnpm local exited early with ${code}: ${errors}`)));
  });
  return { child, output };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  return exited;
}

/** A port the OS just handed out and took back, free for the next listener. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("pnpm local", () => {
  it("prints KEY=value lines a shell can eval, then runs until SIGTERM", async () => {
    const { child, output } = await startPnpmLocal();
    const keys = output
      .trim()
      .split("\n")
      .map((line) => line.split("=")[0]);
    expect(keys).to.include.members([
      "EVENTS_ENDPOINT",
      "STEPFUNCTIONS_ENDPOINT",
      "WEBHOOK_MESSAGES_URL",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_REGION",
      "AWS_DEFAULT_REGION",
      "STEPCORD_OPERATOR_ACCESS_KEY_ID",
      "STEPCORD_OPERATOR_SECRET_ACCESS_KEY",
    ]);
    expect(output).to.match(/^EVENTS_ENDPOINT=http:\/\/127\.0\.0\.1:\d+\/events$/m);
    // The aws CLI v1 ignores AWS_REGION; both must name the same region.
    expect(output).to.match(/^AWS_REGION=us-east-1$/m);
    expect(output).to.match(/^AWS_DEFAULT_REGION=us-east-1$/m);
    expect(await stop(child)).to.equal(0);
  });

  it("listens on the ports its environment names, the fake Discord webhook's included", async () => {
    const [events, stepFunctions, fakeWebhook] = [await freePort(), await freePort(), await freePort()];
    const { child, output } = await startPnpmLocal({
      STEPCORD_EVENTS_PORT: String(events),
      STEPCORD_STEPFUNCTIONS_PORT: String(stepFunctions),
      STEPCORD_FAKE_WEBHOOK_PORT: String(fakeWebhook),
    });
    try {
      expect(output).to.include(`EVENTS_ENDPOINT=http://127.0.0.1:${events}/events\n`);
      expect(output).to.include(`STEPFUNCTIONS_ENDPOINT=http://127.0.0.1:${stepFunctions}\n`);
      expect(output).to.match(
        new RegExp(`^WEBHOOK_MESSAGES_URL=http://127\\.0\\.0\\.1:${fakeWebhook}/`, "m"),
      );
    } finally {
      expect(await stop(child)).to.equal(0);
    }
  });
});
