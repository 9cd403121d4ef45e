import { expect } from "chai";
import pino from "pino";
import { SettingsCommands } from "../../src/commands/settings-commands.js";
import { parseConfig } from "../../src/config/config.js";
import { DiscordSettings } from "../../src/rules/discord-settings.js";

const env = parseConfig({ DISCORD_TOKEN: "t", EVENTS_ENDPOINT: "http://127.0.0.1/events" }).rules;
const TOKEN = "aW50ZXJhY3Rpb246dG9rZW4";

/** An INTERACTION_CREATE `d` for `/stepcord <sub>`, as receiving-and-responding.mdx shapes it. */
const payload = (type: 2 | 4, options: unknown[]) => ({
  id: "1300000000000000001",
  application_id: "1300000000000000009",
  type,
  token: TOKEN,
  guild_id: "100000000000000001",
  channel_id: "200000000000000001",
  member: { user: { id: "300000000000000001" }, permissions: "32" },
  data: { name: "stepcord", type: 1, options },
});

function rig(call: () => Promise<never>) {
  const posted: Array<{ route: string; body: unknown }> = [];
  const patched: Array<{ body: unknown }> = [];
  const lines: string[] = [];
  const commands = new SettingsCommands({
    rest: {
      post: async (route: string, options?: { body?: unknown }) => {
        posted.push({ route, body: options?.body });
        return undefined;
      },
      patch: async (_route: string, options?: { body?: unknown }) => {
        patched.push({ body: options?.body });
        return undefined;
      },
    } as never,
    client: { call },
    settings: new DiscordSettings(() => env),
    statusOf: () => "status",
    logger: pino({}, { write: (l: string) => lines.push(l) }),
  });
  return { commands, posted, patched, lines };
}

describe("SettingsCommands", () => {
  it("answers an autocomplete it has no suggestions for with no choices, not a message", async () => {
    const r = rig(async () => {
      throw new Error("never called");
    });
    await r.commands.handle(
      payload(4, [
        { name: "min-members", type: 1, options: [{ name: "count", type: 4, value: 3, focused: true }] },
      ]),
    );
    expect(r.posted.map((p) => p.body)).to.deep.equal([{ type: 8, data: { choices: [] } }]);
  });

  it("edits the deferred answer and logs, without the token, when the call fails in an unexpected way", async () => {
    const r = rig(async () => {
      throw new TypeError("something unexpected");
    });
    await r.commands.handle(payload(2, [{ name: "resume", type: 1 }]));
    expect(r.posted.map((p) => (p.body as { type: number }).type)).to.deep.equal([5]);
    expect(JSON.stringify(r.patched.map((p) => p.body))).to.match(/try again/);
    expect(r.lines.join("")).not.to.contain(TOKEN);
  });
});
