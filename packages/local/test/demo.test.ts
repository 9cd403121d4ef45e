import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { expect } from "chai";
import {
  BEN,
  commandLine,
  DEMO_CHANNELS,
  EVE,
  EVENING,
  expectedEvents,
  isQuietAt,
  JUKEBOX,
  type Scene,
} from "../src/demo/evening.js";
import { type DemoResult, runDemo } from "../src/demo/run-demo.js";

// Set UPDATE_GOLDEN=1 to rewrite the golden file after a deliberate change to the messages, then review the diff.
const GOLDEN = new URL("./golden/demo-messages.golden.json", import.meta.url);

function sink() {
  let text = "";
  return { write: (chunk: string) => (text += chunk), text: () => text };
}

/**
 * What a reader sees, minus what varies run to run (timestamps, snowflakes). The bot sends one batch of a guild at a
 * time (decision 0042), but Express executions may run concurrently on AWS, so messages are compared as a sorted list.
 */
function readableMessages(result: DemoResult) {
  return result.messages
    .map((m) => ({
      flags: m.flags,
      allowed_mentions: m.body.allowed_mentions,
      embeds: (m.body.embeds as Array<Record<string, unknown>>).map(({ timestamp: _t, ...rest }) => rest),
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe("the scripted evening", () => {
  it("reports joins, leaves and moves of people, nothing for bots and nothing for a member who did not move", () => {
    const where = new Map([[EVE.id, DEMO_CHANNELS.lounge.id]]);
    const scene: Scene = {
      at: "19:00",
      says: "",
      changes: [
        { user: BEN, channelId: DEMO_CHANNELS.lounge.id },
        { user: JUKEBOX, channelId: DEMO_CHANNELS.lounge.id },
        { user: EVE, channelId: DEMO_CHANNELS.lounge.id },
        { user: BEN, channelId: DEMO_CHANNELS.games.id },
        { user: EVE, channelId: null },
      ],
    };
    expect(expectedEvents(scene, where).map((e) => `${e.kind}:${e.user.name}`)).to.deep.equal([
      "join:Ben",
      "move:Ben",
      "leave:Eve",
    ]);
    expect([...where.keys()]).to.have.members([BEN.id, JUKEBOX.id]);
  });

  it("treats quiet hours that wrap midnight as quiet on both sides and not before them", () => {
    expect(["22:59", "23:00", "23:50", "06:59", "07:00"].map((at) => isQuietAt(at, "23-7"))).to.deep.equal([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it("has a move, a burst of 25, a Discord 429, leaves and a quiet-hours scene, as the README promises", () => {
    const where = new Map<string, string>([[EVE.id, DEMO_CHANNELS.lounge.id]]);
    const kinds = EVENING.flatMap((scene) => expectedEvents(scene, where).map((e) => e.kind));
    expect(kinds).to.include.members(["join", "move", "leave"]);
    expect(EVENING.some((s) => s.changes.length >= 25)).to.equal(true);
    expect(EVENING.some((s) => s.discordRateLimitsNextPost)).to.equal(true);
    expect(EVENING.some((s) => isQuietAt(s.at))).to.equal(true);
  });

  it("has an admin who runs /stepcord quiet 23 7 Asia/Tokyo and /stepcord pause 30m, as the issue asks", () => {
    const commands = EVENING.flatMap((s) => (s.command ? [commandLine(s.command)] : []));
    expect(commands).to.deep.equal(["/stepcord quiet 23 7 Asia/Tokyo", "/stepcord pause 30m"]);
  });
});

describe("pnpm demo", function () {
  this.timeout(90_000);

  it("carries every event of the evening from the fake gateway through the real bot and the local stack into the channel, exactly as the workflow writes it", async () => {
    const out = sink();
    const result = await runDemo({ out, env: { LOG_LEVEL: "silent" } });
    expect(result.reason).to.equal(undefined);
    expect(result.ok).to.equal(true);
    // Gil's leave during the Rookery's pause is not delivered, nor expected.
    expect(result.deliveredEvents).to.equal(62);
    expect(result.expectedEvents).to.equal(62);
    // 25 joins coalesce into 3 messages, not 25; the 429 costs one resend (its execution answers rate-limited).
    expect(result.executions).to.have.length(15);
    expect(result.executions.every((e) => e.status === "SUCCEEDED")).to.equal(true);
    expect(result.retries).to.equal(1);
    const readable = readableMessages(result);
    if (process.env.UPDATE_GOLDEN === "1") await writeFile(GOLDEN, `${JSON.stringify(readable, null, 2)}\n`);
    expect(readable).to.deep.equal(JSON.parse(await readFile(GOLDEN, "utf8")));
    expect(result.channel).to.include("[23:30] Captain Hook (silent)\n  | @Dee joined #Lounge");
    expect(result.channel).not.to.include("@Eve joined");
    expect(result.channel).not.to.include("Jukebox");
    expect(out.text()).to.include("demo: OK");
  });

  it("shows the admin's ephemeral answers, silent posts in her quiet hours and nothing during her pause", async () => {
    const out = sink();
    const result = await runDemo({ out, env: { LOG_LEVEL: "silent" } });
    expect(result.ok, result.reason).to.equal(true);
    expect(out.text()).to.include(
      "Fay: /stepcord quiet 23 7 Asia/Tokyo\n       │ Quiet hours are 23:00–07:00 (Asia/Tokyo)",
    );
    expect(out.text()).to.include("│ Notices are paused until 2026-11-21 21:50 (in 30 minutes).");
    expect(out.text()).to.include("✓ 1 event → nothing posted (paused)");
    const channel = result.channel ?? "";
    expect(channel).to.include("[20:30] Captain Hook (silent)\n  | @Fay joined #Studio");
    expect(channel).to.include("[21:10] Captain Hook (silent)\n  | @Gil moved from #Studio to #Workshop");
    expect(channel).to.include("[22:00] Captain Hook\n  | @Gil joined #Studio");
    expect(channel).not.to.include("@Gil left");
  });

  it("shows each server's messages apart: the second server's in its own channel, Workshop's in its thread", async () => {
    const result = await runDemo({ out: sink(), env: { LOG_LEVEL: "silent" } });
    expect(result.ok, result.reason).to.equal(true);
    const channel = result.channel ?? "";
    const [nightOwls = "", rookery = "", thread = ""] = channel.split("\n\n#");
    expect(nightOwls).to.match(/^#voice-log in Stepcord Demo:/);
    expect(nightOwls).not.to.include("Fay").and.not.to.include("Gil");
    expect(rookery).to.match(/^rookery-log in The Rookery:/);
    expect(rookery).to.include("@Fay joined #Studio").and.include("@Gil joined #Studio");
    expect(rookery).not.to.include("#Workshop").and.not.to.include("Ana");
    expect(thread).to.match(/^rookery-log › thread workshop-log:/);
    expect(thread).to.include("@Gil moved from #Studio to #Workshop");
    const threaded = result.messages.filter((m) => m.threadId !== undefined);
    expect(threaded).to.have.length(1);
  });

  it("fails and names the fix when Discord refuses a message for good (10015 Unknown Webhook), without retrying it", async () => {
    const out = sink();
    const result = await runDemo({
      out,
      env: { LOG_LEVEL: "silent" },
      scenes: EVENING.slice(0, 1),
      faults: [{ status: 404 }],
    });
    expect(result.ok).to.equal(false);
    expect(result.reason).to.match(/^19:02: execution \S+ failed with Stepcord\.WebhookGone/);
    expect(result.reason).to.include("10015 Unknown Webhook");
    expect(result.reason).to.include("set DISCORD_WEBHOOK_URL");
    expect(result.retries).to.equal(0);
    expect(out.text()).to.include(`demo: FAILED: ${result.reason}`);
  });

  it("runs as a command that prints the channel and exits 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/demo.ts"], {
      env: { PATH: process.env.PATH, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(stdout).to.include("Each server's channel, as Discord would show it:");
    expect(stdout).to.include("62 of 62 voice events delivered");
    expect(code).to.equal(0);
  });
});
