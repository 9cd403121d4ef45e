import { noServerSettings, type SettingsAnswer, type SettingsCall } from "@stepcord/definitions";
import { expect } from "chai";
import pino from "pino";
import { SettingsCallError } from "../../src/commands/settings-call-error.js";
import { SettingsReader } from "../../src/commands/settings-reader.js";
import { parseConfig } from "../../src/config/config.js";
import { DiscordSettings } from "../../src/rules/discord-settings.js";

const env = parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/events" }).rules;
const guild = (i: number) => `1000000000000000${String(i).padStart(2, "0")}`;

describe("SettingsReader", () => {
  it("reads each guild once, never more than `concurrency` at a time", async () => {
    let inFlight = 0;
    let most = 0;
    const calls: SettingsCall[] = [];
    const client = {
      async call(call: SettingsCall): Promise<SettingsAnswer> {
        calls.push(call);
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        return {
          outcome: "status",
          settings: { ...noServerSettings(call.guildId), version: 1, minMembers: 2 },
        };
      },
    };
    const settings = new DiscordSettings(() => env);
    const reader = new SettingsReader({
      client,
      settings,
      selfId: () => "300000000000000009",
      now: () => Date.parse("2026-06-01T12:00:00Z"),
      logger: pino({ level: "silent" }),
      concurrency: 3,
    });
    for (let i = 0; i < 10; i++) reader.want(guild(i));
    for (let i = 0; i < 10; i++) reader.want(guild(i));
    await reader.idle();
    expect(calls.map((c) => c.guildId).sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => guild(i)));
    expect(most).to.equal(3);
    expect(new Set(calls.map((c) => c.interactionId)).size).to.equal(10);
    expect(settings.rulesFor(guild(7)).minMembers).to.equal(2);
  });

  it("leaves a guild whose read failed on the rules below and logs the fix", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const settings = new DiscordSettings(() => env);
    const reader = new SettingsReader({
      client: {
        call: async (call) => {
          throw new SettingsCallError(
            "SETTINGS_FORBIDDEN",
            "http://127.0.0.1/settings",
            call.guildId,
            "HTTP 403",
            403,
          );
        },
      },
      settings,
      selfId: () => undefined,
      now: Date.now,
      logger: pino({}, { write: (l: string) => lines.push(JSON.parse(l)) }),
    });
    reader.want(guild(1));
    await reader.idle();
    expect(settings.of(guild(1))).to.equal(undefined);
    expect(lines[0]?.code).to.equal("SETTINGS_FORBIDDEN");
    expect(String(lines[0]?.msg)).to.contain("Fix: pulumi up");
  });
});
