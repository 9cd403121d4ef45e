import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import type { FakeDiscord } from "@stepcord/fake-discord/gateway";
import { until } from "./bot-fixture.js";
import { botTestEnv } from "./bot-rig.js";
import { TEST_CREDENTIALS, type VerifyingServer } from "./verifying-server.js";

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function healthOf(port: number): Promise<{ ready: boolean; outboxDepth: number } | undefined> {
  try {
    return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as {
      ready: boolean;
      outboxDepth: number;
    };
  } catch {
    return undefined;
  }
}

/** The rig's environment, with the keys in it (a child gets no injected credentials) and a health port. */
export function childEnv(
  fake: FakeDiscord,
  server: VerifyingServer,
  outbox: string,
  port: number,
): NodeJS.ProcessEnv {
  return {
    ...botTestEnv(fake, server, outbox),
    PATH: process.env.PATH,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    HEALTH_PORT: String(port),
  };
}

/** The bot as it is run in production: main.ts in its own process; resolves once /healthz says ready. */
export async function spawnReadyBot(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: "ignore" });
  await until(
    async () => (await healthOf(Number(env.HEALTH_PORT)))?.ready === true,
    15_000,
    "the bot's /healthz to say ready",
  );
  return child;
}

/** SIGKILL, and wait for the exit. */
export async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}
