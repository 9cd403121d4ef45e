import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeDiscord, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { readEnvelope } from "../src/delivery/outbox.js";
import { ANA, BEN, botTestGuild, CAL, DEE, GAMES, GUILD_ID, LOUNGE, until } from "./support/bot-fixture.js";
import { botTestEnv } from "./support/bot-rig.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function queuedEvents(dir: string): Promise<number> {
  let n = 0;
  for (const f of (await readdir(dir)).filter((x) => x.endsWith(".json"))) {
    // A file can be delivered and removed between readdir and readFile.
    const text = await readFile(join(dir, f), "utf8").catch(() => '{"batch":{"events":[]}}');
    n += readEnvelope(text).batch.events.length;
  }
  return n;
}

async function ready(port: number): Promise<boolean> {
  try {
    return ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { ready: boolean }).ready;
  } catch {
    return false;
  }
}

describe("the bot as a child process killed with SIGKILL mid-stream", () => {
  let fake: FakeDiscord;
  let server: VerifyingServer;
  let child: ChildProcess | undefined;
  /** The rig's environment, with the keys in it (a child gets no injected credentials) and a health port. */
  const childEnv = (outbox: string, port: number) => ({
    ...botTestEnv(fake, server, outbox),
    PATH: process.env.PATH,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    HEALTH_PORT: String(port),
  });
  /** The bot as it is run in production: main.ts in its own process. */
  const spawnMain = (env: NodeJS.ProcessEnv) =>
    spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: "ignore" });

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [botTestGuild()] });
    server = await startVerifyingServer();
  });

  afterEach(async () => {
    child?.kill("SIGKILL");
    await fake.close();
    await server.close();
  });

  it("resends every queued batch after a restart: 0 lost and 0 duplicate batch ids", async function () {
    // The restarted bot identifies within 5 s of the first one: Discord (and the fake) answer op 9 for the
    // max_concurrency bucket, and discord.js identifies again once its own 5 s throttle has passed.
    this.timeout(45_000);
    const outbox = await mkdtemp(join(tmpdir(), "stepcord-crash-"));
    const spawnBot = async () => {
      const port = await freePort();
      child = spawnMain(childEnv(outbox, port));
      await until(() => ready(port), 15_000, "the bot's /healthz to say ready");
    };
    const got = () => server.received.flatMap((b) => b.events.map((e) => `${e.type}:${e.user.id}`));

    await spawnBot();
    for (const user of [BEN, CAL, DEE])
      fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: user, channel_id: LOUNGE });
    await until(() => got().length === 3);
    // The server records a batch before the bot hears the answer and deletes its file (after saving the voice
    // snapshot past it, 0042); a kill in between resends it, which only the workflow's ledger makes harmless.
    await until(async () => (await queuedEvents(outbox)) === 0);

    server.failNext(1_000_000, 503);
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: GAMES });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: CAL, channel_id: null });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: DEE, channel_id: GAMES });
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: ANA, channel_id: null });
    await until(async () => (await queuedEvents(outbox)) >= 4);
    child?.kill("SIGKILL");
    await new Promise((r) => child?.once("exit", r));

    server.failNext(0, 503);
    await spawnBot();
    await until(() => got().length === 7);
    expect(got()).to.deep.equal([
      `join:${BEN}`,
      `join:${CAL}`,
      `join:${DEE}`,
      `move:${BEN}`,
      `leave:${CAL}`,
      `move:${DEE}`,
      `leave:${ANA}`,
    ]);
    const ids = server.received.map((b) => b.batchId);
    expect(new Set(ids).size).to.equal(ids.length);
    // The server records a batch before the bot hears the 200 and removes the file.
    await until(async () => (await queuedEvents(outbox)) === 0);
  });

  it("persists the open batching window to the outbox on SIGTERM and exits 0", async () => {
    const outbox = await mkdtemp(join(tmpdir(), "stepcord-term-"));
    const port = await freePort();
    server.failNext(1_000_000, 503);
    child = spawnMain({ ...childEnv(outbox, port), BATCH_WINDOW_MS: "600000" });
    await until(() => ready(port), 15_000, "the bot's /healthz to say ready");
    fake.emitVoiceStateUpdate({ guild_id: GUILD_ID, user_id: BEN, channel_id: LOUNGE });
    await until(
      async () =>
        ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { outboxDepth: number })
          .outboxDepth >= 1,
    );
    const exited = new Promise<number | null>((r) => child?.once("exit", (code) => r(code)));
    child?.kill("SIGTERM");
    expect(await exited).to.equal(0);
    expect(await queuedEvents(outbox)).to.equal(1);
  });
});
