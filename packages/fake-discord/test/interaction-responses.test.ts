import { expect } from "chai";
import { type DispatchedInteraction, type FakeDiscord, startFakeDiscord } from "../src/gateway/index.js";
import { interactionRest, registerGlobally } from "./support/interaction-client.js";
import {
  ADMIN,
  command,
  GUILD_ID,
  guild,
  MANAGE_GUILD,
  manualClock,
  TEXT_CHANNEL,
} from "./support/interaction-fixtures.js";

const EPHEMERAL = 64;
const reply = (content: string, flags = EPHEMERAL) => ({
  type: 4,
  data: { content, flags, allowed_mentions: { parse: [] } },
});

describe("fake Discord: interaction responses", () => {
  let fake: FakeDiscord;
  let clock: ReturnType<typeof manualClock>;
  let rest: ReturnType<typeof interactionRest>;
  let interaction: DispatchedInteraction;

  const dispatch = (type: 2 | 4 = 2) =>
    fake.dispatchInteraction({
      guildId: GUILD_ID,
      channelId: TEXT_CHANNEL,
      member: ADMIN,
      permissions: MANAGE_GUILD,
      command: "stepcord",
      type,
      options:
        type === 2
          ? [{ type: 1, name: "status" }]
          : [{ type: 1, name: "pause", options: [{ type: 3, name: "duration", value: "3", focused: true }] }],
    });

  beforeEach(async () => {
    clock = manualClock();
    fake = await startFakeDiscord({ guilds: [guild()], now: clock.now });
    rest = interactionRest(fake);
    await registerGlobally(fake, [command()]);
    interaction = dispatch();
  });
  afterEach(() => fake.close());

  it("takes an initial response within 3 s without a bot token and answers 204", async () => {
    clock.advance(2_999);
    expect((await rest.callback(interaction, reply("ok"))).status).to.equal(204);
    expect(fake.interaction(interaction.id)?.original).to.include({
      content: "ok",
      ephemeral: true,
      loading: false,
    });
  });

  it("answers 404 10062 Unknown interaction once 3 s have passed", async () => {
    clock.advance(3_001);
    expect(await rest.callback(interaction, reply("late"))).to.deep.equal({
      status: 404,
      body: { message: "Unknown interaction", code: 10062 },
    });
  });

  it("answers 404 10062 for a wrong token", async () => {
    expect((await rest.callback({ ...interaction, token: "forged" }, reply("x"))).body).to.include({
      code: 10062,
    });
  });

  it("answers 400 40060 to a second initial response", async () => {
    await rest.callback(interaction, reply("one"));
    expect(await rest.callback(interaction, reply("two"))).to.deep.equal({
      status: 400,
      body: { message: "Interaction has already been acknowledged.", code: 40060 },
    });
  });

  it("refuses an autocomplete result (type 8) to a command, and a message to an autocomplete", async () => {
    expect((await rest.callback(interaction, { type: 8, data: { choices: [] } })).body).to.include({
      code: 50035,
    });
    expect((await rest.callback(dispatch(4), reply("no"))).body).to.include({ code: 50035 });
  });

  it("takes at most 25 autocomplete choices", async () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `z${i}`, value: `z${i}` }));
    const answer = await rest.callback(dispatch(4), { type: 8, data: { choices } });
    expect(answer.status).to.equal(400);
    expect(JSON.stringify(answer.body)).to.include("Must be 25 or fewer in length.");
  });

  it("records the choices of a valid autocomplete result", async () => {
    const auto = dispatch(4);
    const choices = [{ name: "30m", value: "30m" }];
    expect((await rest.callback(auto, { type: 8, data: { choices } })).status).to.equal(204);
    expect(fake.interaction(auto.id)?.choices).to.deep.equal(choices);
  });

  it("refuses any flag but EPHEMERAL on a deferred response", async () => {
    expect((await rest.callback(interaction, { type: 5, data: { flags: EPHEMERAL | 4 } })).body).to.include({
      code: 50035,
    });
  });

  it("answers with_response=true with the interaction callback response object", async () => {
    const answer = await rest.callback(interaction, reply("ok"), "?with_response=true");
    expect(answer.status).to.equal(200);
    expect(answer.body?.interaction).to.include({
      id: interaction.id,
      type: 2,
      response_message_ephemeral: true,
    });
    expect(answer.body?.resource).to.deep.include({ type: 4 });
  });

  it("fills a deferred response through PATCH @original, keeping it ephemeral", async () => {
    await rest.callback(interaction, { type: 5, data: { flags: EPHEMERAL } });
    expect(fake.interaction(interaction.id)?.original).to.include({ loading: true, ephemeral: true });
    clock.advance(10_000);
    const edited = await rest.editOriginal(interaction, { content: "done" });
    expect(edited.status).to.equal(200);
    expect(edited.body).to.include({ content: "done", flags: EPHEMERAL });
  });

  it("turns the first follow-up after a deferral into an edit of the original, as Discord's backwards compatibility does", async () => {
    await rest.callback(interaction, { type: 5, data: { flags: EPHEMERAL } });
    await rest.followup(interaction, { content: "done", flags: 0 });
    const record = fake.interaction(interaction.id);
    expect(record?.original).to.include({ content: "done", loading: false, ephemeral: true });
    expect(record?.followups).to.have.length(0);
  });

  it("sends later follow-ups as new messages", async () => {
    await rest.callback(interaction, reply("first"));
    const answer = await rest.followup(interaction, { content: "second", flags: EPHEMERAL });
    expect(answer.status).to.equal(200);
    expect(fake.interaction(interaction.id)?.followups.map((m) => m.content)).to.deep.equal(["second"]);
  });

  it("refuses an empty follow-up with 50006, flags alone included", async () => {
    await rest.callback(interaction, reply("first"));
    expect((await rest.followup(interaction, { flags: EPHEMERAL })).body).to.include({ code: 50006 });
  });

  it("lets an edit of the original leave the content out", async () => {
    await rest.callback(interaction, reply("first"));
    const edited = await rest.editOriginal(interaction, { allowed_mentions: { parse: [] } });
    expect(edited.status).to.equal(200);
    expect(edited.body).to.include({ content: "first" });
  });

  it("answers 404 10015 Unknown Webhook to a follow-up before any initial response", async () => {
    expect(await rest.followup(interaction, { content: "early" })).to.deep.equal({
      status: 404,
      body: { message: "Unknown Webhook", code: 10015 },
    });
  });

  it("answers 401 50027 Invalid Webhook Token to a follow-up after 15 minutes", async () => {
    await rest.callback(interaction, { type: 5, data: { flags: EPHEMERAL } });
    clock.advance(15 * 60_000 + 1);
    expect(await rest.editOriginal(interaction, { content: "too late" })).to.deep.equal({
      status: 401,
      body: { message: "Invalid Webhook Token", code: 50027 },
    });
  });

  it("still takes follow-ups just before 15 minutes", async () => {
    await rest.callback(interaction, reply("first"));
    clock.advance(15 * 60_000 - 1);
    expect((await rest.followup(interaction, { content: "in time" })).status).to.equal(200);
  });

  it("invalidates the token of an interaction whose 3 s passed unanswered", async () => {
    clock.advance(3_001);
    expect((await rest.followup(interaction, { content: "x" })).body).to.include({ code: 50027 });
  });

  it("validates a response message like any message (content over 2000)", async () => {
    expect((await rest.callback(interaction, reply("x".repeat(2001)))).body).to.include({ code: 50035 });
  });
});
