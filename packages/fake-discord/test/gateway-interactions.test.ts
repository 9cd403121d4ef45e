import { expect } from "chai";
import { type ChatInputCommandInteraction, type Client, MessageFlags } from "discord.js";
import { type FakeDiscord, startFakeDiscord } from "../src/gateway/index.js";
import { ScriptedInteractionError } from "../src/interactions/index.js";
import { loginDiscordJs } from "./support/discordjs-client.js";
import { registerGlobally } from "./support/interaction-client.js";
import {
  ADMIN,
  command,
  GUILD_ID,
  guild,
  MANAGE_GUILD,
  STAGE_CHANNEL,
  TEXT_CHANNEL,
  VOICE_CHANNEL,
} from "./support/interaction-fixtures.js";

const pause = (value: string) => [
  { type: 1, name: "pause", options: [{ type: 3, name: "duration", value }] },
];

describe("fake Discord gateway: a scripted member's slash command", () => {
  let fake: FakeDiscord;

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
    await registerGlobally(fake, [command()]);
  });
  afterEach(() => fake.close());

  const run = (overrides: Partial<Parameters<FakeDiscord["dispatchInteraction"]>[0]> = {}) =>
    fake.dispatchInteraction({
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      member: ADMIN,
      permissions: MANAGE_GUILD,
      command: "stepcord",
      options: pause("30m"),
      locale: "ja",
      ...overrides,
    });

  it("carries the member's permissions, the guild, the channel, the locale and the registered command's id", () => {
    const { payload } = run();
    expect(payload).to.include({
      type: 2,
      guild_id: GUILD_ID,
      channel_id: TEXT_CHANNEL,
      locale: "ja",
      context: 0,
    });
    expect((payload.member as Record<string, unknown>).permissions).to.equal(MANAGE_GUILD);
    const data = payload.data as Record<string, unknown>;
    expect(data.id).to.equal(fake.registeredCommands("global")[0]?.id);
    expect(data.options).to.deep.equal(pause("30m"));
  });

  it("gives every interaction its own id and token", () => {
    const a = run();
    const b = run();
    expect(a.id).not.to.equal(b.id);
    expect(a.token).not.to.equal(b.token);
  });

  it("resolves a channel option to its partial channel", () => {
    const { payload } = run({
      options: [{ type: 1, name: "ignore", options: [{ type: 7, name: "channel", value: STAGE_CHANNEL }] }],
    });
    const resolved = (payload.data as { resolved: { channels: Record<string, { type: number }> } }).resolved;
    expect(resolved.channels[STAGE_CHANNEL]?.type).to.equal(13);
  });

  it("never sends the command of a member without Manage Server: Discord hides it", () => {
    expect(() => run({ permissions: String(1 << 10) })).to.throw(ScriptedInteractionError, /hides/);
  });

  it("sends it, permissions as they are, for a member an Integrations overwrite allows (AC, Permissions)", () => {
    const { payload } = run({ permissions: String(1 << 10), allowedByOverwrite: true });
    expect((payload.member as Record<string, unknown>).permissions).to.equal(String(1 << 10));
  });

  it("sends it for an administrator without Manage Server", () => {
    expect(() => run({ permissions: String(1 << 3) })).not.to.throw();
  });

  it("never sends a command that is not registered", () => {
    expect(() => run({ command: "other" })).to.throw(ScriptedInteractionError, /not registered/);
  });

  it("never sends a text channel where channel_types asks for voice or stage", () => {
    expect(() =>
      run({
        options: [{ type: 1, name: "ignore", options: [{ type: 7, name: "channel", value: TEXT_CHANNEL }] }],
      }),
    ).to.throw(ScriptedInteractionError, /channel type 0/);
  });

  it("never sends a value outside min_value/max_value, or without a required option", () => {
    expect(() =>
      run({ options: [{ type: 1, name: "min-members", options: [{ type: 4, name: "count", value: 100 }] }] }),
    ).to.throw(ScriptedInteractionError, /outside/);
    expect(() => run({ options: [{ type: 1, name: "min-members" }] })).to.throw(
      ScriptedInteractionError,
      /required/,
    );
  });

  it("never sends a global command whose contexts leave out GUILD", async () => {
    await registerGlobally(fake, [command({ contexts: [1] })]);
    expect(() => run()).to.throw(ScriptedInteractionError, /not available in guilds/);
  });

  describe("with discord.js logged in", () => {
    let client: Client;
    beforeEach(async () => {
      client = await loginDiscordJs(fake);
    });
    afterEach(() => client.destroy());

    it("is delivered as interactionCreate, and discord.js's ephemeral reply lands as the original response", async () => {
      const received = new Promise<ChatInputCommandInteraction>((resolve) =>
        client.once("interactionCreate", (i) => {
          if (i.isChatInputCommand()) resolve(i);
        }),
      );
      const { id } = run();
      const interaction = await received;
      expect(interaction.options.getSubcommand()).to.equal("pause");
      expect(interaction.options.getString("duration")).to.equal("30m");
      expect(interaction.memberPermissions?.has("ManageGuild")).to.equal(true);
      await interaction.reply({ content: "Paused for 30m", flags: MessageFlags.Ephemeral });
      expect(fake.interaction(id)?.original).to.include({ content: "Paused for 30m", ephemeral: true });
    });

    it("lets discord.js defer and then edit the reply", async () => {
      const received = new Promise<ChatInputCommandInteraction>((resolve) =>
        client.once("interactionCreate", (i) => {
          if (i.isChatInputCommand()) resolve(i);
        }),
      );
      const { id } = run({ channelId: VOICE_CHANNEL });
      const interaction = await received;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.editReply("done");
      expect(fake.interaction(id)?.original).to.include({ content: "done", loading: false, ephemeral: true });
    });
  });
});
