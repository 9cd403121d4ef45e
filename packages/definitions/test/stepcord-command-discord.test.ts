/**
 * The /stepcord command and its parser against the fake Discord, which models Discord's registration validation,
 * its client's option checks and its interaction callback rules (packages/fake-discord, docs/local-stack.md).
 */
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import {
  autocompleteResult,
  bulkOverwriteRequest,
  ephemeralMessage,
  parseSettingsInteraction,
  type SettingsInteraction,
  stepcordCommand,
  timeZoneSuggestions,
} from "../src/index.js";

const GUILD = "100";
const VOICE = "201";
const admin = { user: { id: "300", username: "ana" } };
const MANAGE_GUILD = String(1 << 5);

function guild(): FakeGuild {
  return {
    id: GUILD,
    name: "Fake Guild",
    channels: [
      { id: "200", name: "general", type: 0 },
      { id: VOICE, name: "Lounge", type: 2 },
    ],
    members: [admin],
    voice_states: [],
  };
}

describe("/stepcord against the fake Discord", () => {
  let fake: FakeDiscord;
  const api = () => `${fake.restUrl}/v10`;

  const register = (guildId?: string) => {
    const request = bulkOverwriteRequest({
      applicationId: fake.applicationId,
      commands: [stepcordCommand()],
      ...(guildId === undefined ? {} : { guildId }),
    });
    return fetch(`${api()}${request.path}`, {
      method: request.method,
      headers: { "content-type": "application/json", authorization: `Bot ${fake.token}` },
      body: JSON.stringify(request.body),
    });
  };

  const run = (options: unknown[], type: 2 | 4 = 2, permissions = MANAGE_GUILD) =>
    fake.dispatchInteraction({
      guildId: GUILD,
      channelId: "200",
      member: admin,
      permissions,
      command: "stepcord",
      options: options as never,
      type,
    });

  const answer = (i: { id: string; token: string }, body: unknown) =>
    fetch(`${api()}/interactions/${i.id}/${i.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
  });
  afterEach(() => fake.close());

  it("is accepted by Discord's bulk overwrite", async () => {
    const res = await register();
    expect(res.status, await res.clone().text()).to.equal(200);
    expect(fake.registeredCommands("global").map((c) => c.name)).to.deep.equal(["stepcord"]);
  });

  it("is accepted as a guild command too, registered to that guild only", async () => {
    expect((await register(GUILD)).status).to.equal(200);
    expect(fake.registeredCommands(GUILD)).to.have.length(1);
    expect(fake.registeredCommands("global")).to.have.length(0);
  });

  describe("once registered", () => {
    beforeEach(async () => {
      await register();
    });

    const parse = (payload: unknown): SettingsInteraction => parseSettingsInteraction(payload);

    it("reads a scripted admin's /stepcord quiet 23 7 Asia/Tokyo and answers within Discord's rules", async () => {
      const i = run([
        {
          type: 1,
          name: "quiet",
          options: [
            { type: 3, name: "from", value: "23" },
            { type: 3, name: "to", value: "7" },
            { type: 3, name: "timezone", value: "Asia/Tokyo" },
          ],
        },
      ]);
      const result = parse(i.payload);
      expect(result).to.deep.include({
        type: "command",
        request: { kind: "quiet", from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" },
      });
      expect((await answer(i, ephemeralMessage("Quiet from 23:00 to 07:00 Asia/Tokyo"))).status).to.equal(
        204,
      );
      expect(fake.interaction(i.id)?.original).to.include({ ephemeral: true });
    });

    it("answers a time zone autocomplete with suggestions Discord accepts", async () => {
      const i = run(
        [{ type: 1, name: "quiet", options: [{ type: 3, name: "timezone", value: "tok", focused: true }] }],
        4,
      );
      const result = parse(i.payload);
      if (result.type !== "autocomplete") throw new Error(`expected autocomplete, got ${result.type}`);
      expect((await answer(i, autocompleteResult(timeZoneSuggestions(result.query)))).status).to.equal(204);
      expect(fake.interaction(i.id)?.choices?.map((c) => c.value)).to.include("Asia/Tokyo");
    });

    it("reads ignore of a voice channel the picker resolved", () => {
      const i = run([{ type: 1, name: "ignore", options: [{ type: 7, name: "channel", value: VOICE }] }]);
      expect(parse(i.payload)).to.deep.include({
        type: "command",
        request: { kind: "ignore", channelId: VOICE },
      });
    });

    it("answers a bad duration with an ephemeral message Discord accepts, echoing the text escaped", async () => {
      const i = run([
        { type: 1, name: "pause", options: [{ type: 3, name: "duration", value: "@everyone" }] },
      ]);
      const result = parse(i.payload);
      if (result.type !== "rejected") throw new Error(`expected a rejection, got ${result.type}`);
      expect((await answer(i, ephemeralMessage(result.error.userMessage))).status).to.equal(204);
      expect(fake.interaction(i.id)?.original?.content).to.include("\\@everyone");
    });

    it("is hidden from a member without Manage Server, and a forged payload for one changes nothing", () => {
      expect(() => run([{ type: 1, name: "resume" }], 2, String(1 << 10))).to.throw(/hides/);
      const { payload } = run([{ type: 1, name: "resume" }]);
      const forged = { ...payload, member: { ...(payload.member as object), permissions: String(1 << 10) } };
      expect(parse(forged)).to.deep.include({ type: "rejected" });
    });
  });
});
