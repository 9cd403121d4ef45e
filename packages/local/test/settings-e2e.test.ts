import { memberPermissionsSplit } from "@stepcord/definitions";
import { SUPPRESS_NOTIFICATIONS } from "@stepcord/fake-discord/webhook";
import { expect } from "chai";
import { DEMO_CHANNELS, DEMO_GUILD_ID } from "../src/demo/evening.js";
import { postSigned } from "./support/post.js";
import { PLAIN_MEMBER, type SettingsWorld, startSettingsWorld, until } from "./support/settings-world.js";

const DEE = "310000000000000004";
const CAL = "310000000000000003";
const nightOwls = (world: SettingsWorld) =>
  world.servers.channels.find((c) => c.guildId === DEMO_GUILD_ID)?.webhook;
const settingsRuns = (world: SettingsWorld) =>
  world.stack.settingsRunner.executions().map((e) => ({
    status: e.status,
    outcome: (JSON.parse(e.output ?? "{}") as { outcome?: string }).outcome,
  }));

/** Dee joins Lounge; resolves once the bot has sent (or dropped) everything it had. */
async function join(world: SettingsWorld, userId: string) {
  world.gateway.emitVoiceStateUpdate({
    guild_id: DEMO_GUILD_ID,
    user_id: userId,
    channel_id: DEMO_CHANNELS.lounge.id,
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  await world.bot?.flush();
  await world.stack.runner.idle();
}

describe("/stepcord end to end: the real bot, the local settings workflow on dynalite, the fake Discord", function () {
  this.timeout(60_000);
  let world: SettingsWorld | undefined;
  afterEach(async () => {
    await world?.close();
    world = undefined;
  });

  it("posts nothing for the next join after an admin's /stepcord pause 30m", async () => {
    world = await startSettingsWorld(Date.parse("2026-06-01T12:00:00Z"));
    await world.startBot();
    const answer = await world.command("pause", [{ name: "duration", type: 3, value: "30m" }]);
    expect(answer).to.match(/paused until <t:\d+:f>/);
    await join(world, DEE);
    expect(nightOwls(world)?.messages()).to.have.length(0);
  });

  it("posts a batch at 23:30 Tokyo time silently after /stepcord quiet 23 7 Asia/Tokyo", async () => {
    // 14:30 UTC is 23:30 in Tokyo (UTC+9, no daylight saving).
    world = await startSettingsWorld(Date.parse("2026-06-01T14:30:00Z"));
    await world.startBot();
    const answer = await world.command("quiet", [
      { name: "from", type: 3, value: "23" },
      { name: "to", type: 3, value: "7" },
      { name: "timezone", type: 3, value: "Asia/Tokyo" },
    ]);
    expect(answer).to.contain("23:00–07:00 (Asia/Tokyo)");
    await join(world, DEE);
    const messages = nightOwls(world)?.messages() ?? [];
    expect(messages).to.have.length(1);
    expect((messages[0]?.flags ?? 0) & SUPPRESS_NOTIFICATIONS).to.equal(SUPPRESS_NOTIFICATIONS);
  });

  it("changes nothing for a member without Manage Server, even where an override lets them send it", async () => {
    world = await startSettingsWorld(Date.parse("2026-06-01T12:00:00Z"));
    await world.startBot();
    const answer = await world.command("pause", [], PLAIN_MEMBER);
    expect(answer).to.contain("Manage Server");
    await join(world, DEE);
    expect(nightOwls(world)?.messages()).to.have.length(1);
    expect(settingsRuns(world).filter((r) => r.outcome !== "status")).to.deep.equal([]);
  });

  it("reads at start, through the real workflow, a pause an admin set before the bot restarted", async () => {
    world = await startSettingsWorld(Date.parse("2026-06-01T12:00:00Z"));
    const { stack } = world;
    const set = await postSigned(
      stack.settingsEndpoint,
      {
        version: 1,
        interactionId: "1400000000000000001",
        guildId: DEMO_GUILD_ID,
        userId: "310000000000000001",
        memberPermissions: "32",
        // The split the settings workflow reads Manage Server from (decision 0019, amendment).
        ...memberPermissionsSplit("32"),
        request: { kind: "pause", untilMs: null, until: null },
      },
      stack.identities.bot,
      stack,
    );
    expect(set.status).to.equal(200);
    // StartSyncExecution's answer: the pause must really be written before the bot starts.
    const output = JSON.parse((JSON.parse(set.body) as { output: string }).output) as { outcome: string };
    expect(output.outcome).to.equal("applied");
    await world.startBot();
    const w = world;
    await until(() => settingsRuns(w).filter((r) => r.outcome === "status").length >= 2);
    expect(settingsRuns(world).every((r) => r.status === "SUCCEEDED")).to.equal(true);
    await join(world, CAL);
    expect(nightOwls(world)?.messages()).to.have.length(0);
  });
});
