import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import pino from "pino";
import { start } from "../src/index.js";
import { botTestGuild, until } from "./support/bot-fixture.js";
import { botTestEnv } from "./support/bot-rig.js";
import { startVerifyingServer, TEST_CREDENTIALS } from "./support/verifying-server.js";

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

interface HealthBody {
  ready: boolean;
  reason?: string;
}

/**
 * Issue 16: during a Cloudflare ban discord.js sleeps out Retry-After silently while /healthz said 503 with no reason
 * (discord-api-docs, developers/topics/rate-limits.mdx, "Invalid Request Limit aka Cloudflare bans").
 */
describe("the bot rate-limited by Discord at login", () => {
  it("says why it is not ready on /healthz while it waits out the 429, and drops the reason once ready", async () => {
    const fake = await startFakeDiscord({ guilds: [botTestGuild()] });
    const server = await startVerifyingServer();
    const port = await freePort();
    fake.cloudflareBan(2);
    const starting = start({
      env: {
        ...botTestEnv(fake, server, await mkdtemp(join(tmpdir(), "stepcord-ban-"))),
        HEALTH_PORT: String(port),
      },
      credentials: TEST_CREDENTIALS,
      logger: pino({ level: "silent" }),
    });
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      return res ? { status: res.status, body: (await res.json()) as HealthBody } : undefined;
    };
    let seen: { status: number; body: HealthBody } | undefined;
    await until(async () => {
      seen = await healthz();
      return seen?.body.reason !== undefined;
    });
    expect(seen?.status).to.equal(503);
    expect(seen?.body.reason).to.include("429").and.include("/gateway/bot").and.include("Cloudflare ban");
    const bot = await starting;
    await until(() => bot.health().ready);
    expect((await healthz())?.body).to.not.have.property("reason");
    await bot.stop();
    await fake.close();
    await server.close();
  });
});
