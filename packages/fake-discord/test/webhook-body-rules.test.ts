import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { postJson, send } from "./support/webhook-client.js";

type Json = Record<string, unknown>;

// Each rule's source (discord/discord-api-docs page, or the reported Discord answer) is cited beside the code in
// src/webhook/validate-message.ts, message-limits.ts, form-errors.ts and execute-webhook.ts.
describe("fake Discord webhook: Discord's body rules, both ways", () => {
  let hook: FakeDiscordWebhook;
  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ rateLimit: false, channelRateLimit: false });
  });
  afterEach(() => hook.close());

  const status = async (body: unknown, query = "") =>
    (await postJson(`${hook.webhookUrl}${query}`, body)).status;
  const errorsOf = async (body: unknown, query = "") => {
    const res = await postJson(`${hook.webhookUrl}${query}`, body);
    expect(res.status).to.equal(400);
    expect(res.json).to.include({ code: 50035 });
    return (res.json as { errors: Json }).errors;
  };
  const embed = (fields: Json) => ({ embeds: [{ description: "d", ...fields }] });

  for (const name of ["Discord Notifier", "clyde", "my DISCORD bot", "Clydesdale"]) {
    it(`refuses the username ${JSON.stringify(name)}, which contains "discord" or "clyde"`, async () => {
      const errors = await errorsOf({ content: "x", username: name });
      expect(errors).to.have.nested.property("username._errors[0].code", "USERNAME_INVALID_CONTAINS");
    });
  }

  it("accepts a username without the forbidden words", async () => {
    expect(await status({ content: "x", username: "Stepcord" })).to.equal(204);
  });

  for (const stamp of [
    "yesterday",
    "2026-13-01T00:00:00Z",
    "2026-02-30",
    "2026-11-21T25:00:00Z",
    "1700000000",
  ]) {
    it(`refuses the embed timestamp ${JSON.stringify(stamp)}, which is not ISO 8601`, async () => {
      const errors = await errorsOf(embed({ timestamp: stamp }));
      expect(errors).to.have.nested.property("embeds.0.timestamp._errors[0].code", "DATE_TIME_TYPE_PARSE");
    });
  }

  for (const stamp of ["2026-11-21T20:00:00.000Z", "2026-11-21T20:00:00+01:00", "2026-11-21"]) {
    it(`accepts the ISO 8601 embed timestamp ${stamp}`, async () => {
      expect(await status(embed({ timestamp: stamp }))).to.equal(204);
    });
  }

  it("refuses an embed colour over 0xFFFFFF and accepts 0xFFFFFF itself", async () => {
    const errors = await errorsOf(embed({ color: 0x1000000 }));
    expect(errors).to.have.nested.property("embeds.0.color._errors[0].code", "NUMBER_TYPE_MAX");
    expect(await status(embed({ color: 0xffffff }))).to.equal(204);
  });

  it("refuses a negative embed colour", async () => {
    const errors = await errorsOf(embed({ color: -1 }));
    expect(errors).to.have.nested.property("embeds.0.color._errors[0].code", "NUMBER_TYPE_MIN");
  });

  it("refuses empty and whitespace-only field names and values as missing", async () => {
    const errors = await errorsOf(
      embed({
        fields: [
          { name: "", value: "v" },
          { name: "n", value: "   " },
        ],
      }),
    );
    expect(errors).to.have.nested.property("embeds.0.fields.0.name._errors[0].code", "BASE_TYPE_REQUIRED");
    expect(errors).to.have.nested.property("embeds.0.fields.1.value._errors[0].code", "BASE_TYPE_REQUIRED");
  });

  it("answers whitespace-only content as an empty message (50006)", async () => {
    const res = await postJson(hook.webhookUrl, { content: " \n\t " });
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.equal({ message: "Cannot send an empty message", code: 50006 });
  });

  it("counts lengths after trimming, so padding around 2000 characters of content fits", async () => {
    expect(await status({ content: `   ${"c".repeat(2000)}\n` })).to.equal(204);
  });

  it("counts an embed title after trimming, so padding around 256 characters fits", async () => {
    expect(await status(embed({ title: `  ${"t".repeat(256)}  ` }))).to.equal(204);
  });

  it("accepts IS_COMPONENTS_V2 (1 << 15) on a message of components only", async () => {
    expect(await status({ flags: 1 << 15, components: [{ type: 10, content: "hi" }] })).to.equal(204);
  });

  it("refuses IS_COMPONENTS_V2 together with content or embeds", async () => {
    const errors = await errorsOf({
      flags: 1 << 15,
      content: "x",
      embeds: [{ description: "d" }],
      components: [],
    });
    expect(Object.keys(errors)).to.deep.equal(["content", "embeds"]);
  });

  for (const yes of ["True", "true", "1"])
    it(`takes wait=${yes} as true and answers 200 with the message`, async () => {
      expect(await status({ content: "x" }, `?wait=${yes}`)).to.equal(200);
    });

  for (const no of ["False", "false", "0"])
    it(`takes wait=${no} as false and answers 204`, async () => {
      expect(await status({ content: "x" }, `?wait=${no}`)).to.equal(204);
    });

  it("refuses wait=yes, which is not one of Discord's boolean spellings", async () => {
    const errors = await errorsOf({ content: "x" }, "?wait=yes");
    expect(errors).to.have.nested.property("wait._errors[0].code", "BOOLEAN_TYPE_CONVERT");
    expect(hook.messages()).to.have.length(0);
  });

  it("answers a non-JSON content type with 50035 Invalid Form Body, not 50109", async () => {
    const res = await send(hook.webhookUrl, { body: '{"content":"x"}', contentType: "text/plain" });
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.equal({ message: "Invalid Form Body", code: 50035 });
  });

  it("keeps 50109 for a JSON content type whose body does not parse", async () => {
    const res = await send(hook.webhookUrl, { body: "{content:" });
    expect(res.json).to.deep.equal({ message: "The request body contains invalid JSON.", code: 50109 });
  });
});
