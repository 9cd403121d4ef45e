import { expect } from "chai";
import type { Client, VoiceState } from "discord.js";
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from "../src/gateway/index.js";
import { loginDiscordJs } from "./support/discordjs-client.js";

function oneGuild(): FakeGuild {
  return {
    id: "100",
    name: "Fake Guild",
    afk_channel_id: "202",
    channels: [
      { id: "200", name: "general", type: 0 },
      { id: "201", name: "Lounge", type: 2 },
      { id: "202", name: "AFK", type: 2 },
    ],
    members: [{ user: { id: "300", username: "ana" } }, { user: { id: "301", username: "ben" } }],
    voice_states: [{ user_id: "300", channel_id: "201" }],
  };
}

function nextVoiceUpdate(client: Client): Promise<[VoiceState, VoiceState]> {
  return new Promise((resolve) => client.once("voiceStateUpdate", (a, b) => resolve([a, b])));
}

describe("fake Discord gateway with the real discord.js client", () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [oneGuild()] });
    client = await loginDiscordJs(fake);
  });

  afterEach(async () => {
    await client.destroy();
    await fake.close();
  });

  it("logs in, becomes ready and sees the guild's voice states", () => {
    const guild = client.guilds.cache.get("100");
    expect(guild?.name).to.equal("Fake Guild");
    expect(guild?.afkChannelId).to.equal("202");
    expect(guild?.voiceStates.cache.get("300")?.channelId).to.equal("201");
    expect(fake.identifyCount).to.equal(1);
  });

  it("delivers a VOICE_STATE_UPDATE as voiceStateUpdate", async () => {
    const update = nextVoiceUpdate(client);
    fake.emitVoiceStateUpdate({ guild_id: "100", user_id: "301", channel_id: "201" });
    const [before, after] = await update;
    expect(before.channelId).to.equal(null);
    expect(after.channelId).to.equal("201");
    expect(after.member?.user.username).to.equal("ben");
  });

  it("resumes after a resumable disconnect and replays what was missed", async () => {
    const resumed = new Promise<void>((resolve) => client.once("shardResume", () => resolve()));
    fake.disconnect(4000);
    fake.emitVoiceStateUpdate({ guild_id: "100", user_id: "301", channel_id: "201" });
    const update = nextVoiceUpdate(client);
    const [, after] = await update;
    await resumed;
    expect(after.channelId).to.equal("201");
    expect(fake.resumeCount).to.equal(1);
    expect(fake.identifyCount).to.equal(1);
  });

  it("re-identifies after a non-resumable invalid session and sends a fresh GUILD_CREATE", async () => {
    fake.invalidateSession(false);
    await waitFor(() => fake.identifyCount === 2);
    expect(fake.identifyCount).to.equal(2);
  });
});

/** Polls with a deadline, so a check that never holds fails the test instead of keeping the process alive. */
async function waitFor(check: () => boolean, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up after ${withinMs} ms waiting for: ${check}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
