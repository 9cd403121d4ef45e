import { expect } from "chai";
import type { Client } from "discord.js";
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from "../src/gateway/index.js";
import { loginDiscordJs } from "./support/discordjs-client.js";

function oneGuild(): FakeGuild {
  return {
    id: "100000000000000001",
    name: "Fake Guild",
    channels: [{ id: "200000000000000001", name: "Lounge", type: 2 }],
    members: [{ user: { id: "300000000000000001", username: "ana" } }],
    voice_states: [],
  };
}

async function waitFor(check: () => boolean, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${withinMs} ms waiting for: ${check}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("discord.js recovering from what the fake gateway does as Discord does", () => {
  let fake: FakeDiscord;
  let client: Client;

  async function login(heartbeatInterval = 41_250): Promise<void> {
    fake = await startFakeDiscord({ guilds: [oneGuild()], heartbeatInterval });
    client = await loginDiscordJs(fake);
  }

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  it("connects with v=10 and JSON and asks for no transport compression, which the fake does not model", async () => {
    await login();
    // discord.js asks for compress=zlib-stream only when the optional zlib-sync is installed
    // (packages/discord.js/src/client/websocket/WebSocketManager.js: `compression: zlib ? ZlibStream : null`).
    expect(fake.connectQueries).to.deep.equal([{ v: "10", encoding: "json" }]);
  });

  it("answers a heartbeat request (op 1) at once", async () => {
    await login();
    const before = fake.heartbeatCount;
    fake.requestHeartbeat();
    await waitFor(() => fake.heartbeatCount > before);
    expect(fake.heartbeatCount).to.equal(before + 1);
  });

  it("resumes on resume_gateway_url after op 7", async () => {
    await login();
    fake.reconnect();
    await waitFor(() => fake.resumeCount === 1);
    expect(fake.resumedOn).to.deep.equal(["resume"]);
    expect(fake.identifyCount).to.equal(1);
  });

  it("closes a zombie connection whose heartbeats go unanswered and resumes", async () => {
    await login(1000);
    fake.zombie();
    await waitFor(() => fake.resumeCount === 1);
    expect(fake.resumedOn).to.deep.equal(["resume"]);
    expect(fake.identifyCount).to.equal(1);
  });

  it("after 4009 tries to resume, is refused, and identifies a new session", async () => {
    await login();
    fake.disconnect(4009);
    await waitFor(() => fake.identifyCount === 2);
    expect(fake.resumeCount).to.equal(0);
  });
});
