import { expect } from "chai";
import { type FakeDiscordWebhook, startFakeDiscordWebhook } from "../src/webhook/index.js";
import { postJson } from "./support/webhook-client.js";

const formBody = (errors: unknown) => ({ message: "Invalid Form Body", code: 50035, errors });
const maxLength = (max: number) => ({
  _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` }],
});

describe("fake Discord webhook: body validation", () => {
  let hook: FakeDiscordWebhook;
  beforeEach(async () => {
    hook = await startFakeDiscordWebhook({ rateLimit: false });
  });
  afterEach(() => hook.close());

  const rejects = async (body: unknown, expected: unknown): Promise<void> => {
    const before = hook.messages().length;
    const res = await postJson(hook.webhookUrl, body);
    expect(res.status).to.equal(400);
    expect(res.json).to.deep.equal(expected);
    expect(hook.messages()).to.have.length(before);
  };
  const accepts = async (body: unknown): Promise<void> => {
    expect((await postJson(hook.webhookUrl, body)).status).to.equal(204);
  };

  it("accepts content of exactly 2000 characters and rejects 2001", async () => {
    await accepts({ content: "a".repeat(2000) });
    await rejects({ content: "a".repeat(2001) }, formBody({ content: maxLength(2000) }));
  });

  it("counts characters as code points, so 2000 emoji fit in content", async () => {
    await accepts({ content: "😀".repeat(2000) });
  });

  it("rejects content that is not a string", async () => {
    await rejects(
      { content: 42 },
      formBody({
        content: { _errors: [{ code: "BASE_TYPE_STRING", message: "Could not interpret 42 as string." }] },
      }),
    );
  });

  it("rejects more than 10 embeds on the embeds array", async () => {
    await accepts({ embeds: Array.from({ length: 10 }, () => ({ description: "x" })) });
    await rejects(
      { embeds: Array.from({ length: 11 }, () => ({ description: "x" })) },
      formBody({ embeds: maxLength(10) }),
    );
  });

  it("rejects a title over 256 and a description over 4096 at their indexed paths", async () => {
    await rejects(
      { embeds: [{ title: "t".repeat(257) }, { description: "d".repeat(4097) }] },
      formBody({ embeds: { "0": { title: maxLength(256) }, "1": { description: maxLength(4096) } } }),
    );
  });

  it("rejects footer text over 2048", async () => {
    await rejects(
      { embeds: [{ footer: { text: "f".repeat(2049) } }] },
      formBody({ embeds: { "0": { footer: { text: maxLength(2048) } } } }),
    );
  });

  it("rejects an author name over 256 and field names over 256 or values over 1024", async () => {
    await rejects(
      {
        embeds: [
          { author: { name: "a".repeat(257) }, fields: [{ name: "n".repeat(257), value: "v".repeat(1025) }] },
        ],
      },
      formBody({
        embeds: {
          "0": {
            author: { name: maxLength(256) },
            fields: { "0": { name: maxLength(256), value: maxLength(1024) } },
          },
        },
      }),
    );
  });

  it("rejects more than 25 fields in one embed", async () => {
    const fields = Array.from({ length: 26 }, () => ({ name: "n", value: "v" }));
    await rejects({ embeds: [{ fields }] }, formBody({ embeds: { "0": { fields: maxLength(25) } } }));
  });

  it("requires a name and a value on every field", async () => {
    const req = { _errors: [{ code: "BASE_TYPE_REQUIRED", message: "This field is required" }] };
    await rejects(
      { embeds: [{ fields: [{ name: "n" }] }] },
      formBody({ embeds: { "0": { fields: { "0": { value: req } } } } }),
    );
  });

  it("rejects embeds whose title, description, fields, footer and author sum to more than 6000 characters", async () => {
    const embed = (n: number) => ({
      title: "t".repeat(200),
      description: "d".repeat(n),
      fields: [{ name: "n".repeat(100), value: "v".repeat(500) }],
      footer: { text: "f".repeat(100) },
      author: { name: "a".repeat(100) },
    });
    // Two embeds of 1000 + 1999 characters each: 5998 in all, then one character more goes over.
    await accepts({ embeds: [embed(1999), embed(1999)] });
    await accepts({ embeds: [embed(1999), embed(2000)] });
    await rejects(
      { embeds: [embed(2000), embed(2001)] },
      formBody({
        embeds: {
          _errors: [{ code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" }],
        },
      }),
    );
  });

  it("rejects allowed_mentions.parse values other than roles, users and everyone", async () => {
    await accepts({ content: "x", allowed_mentions: { parse: ["users", "roles", "everyone"] } });
    await rejects(
      { content: "x", allowed_mentions: { parse: ["users", "channels"] } },
      formBody({
        allowed_mentions: {
          parse: {
            "1": {
              _errors: [
                {
                  code: "BASE_TYPE_CHOICES",
                  message: "Value must be one of ('roles', 'users', 'everyone').",
                },
              ],
            },
          },
        },
      }),
    );
  });

  it("rejects parse users together with an explicit users list", async () => {
    await accepts({ content: "x", allowed_mentions: { parse: [], users: ["300000000000000001"] } });
    await rejects(
      { content: "x", allowed_mentions: { parse: ["users"], users: ["300000000000000001"] } },
      formBody({
        allowed_mentions: {
          _errors: [
            {
              code: "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
              message: 'parse:["users"] and users: [ids...] are mutually exclusive.',
            },
          ],
        },
      }),
    );
  });

  it("rejects parse roles together with an explicit roles list", async () => {
    const res = await postJson(hook.webhookUrl, {
      content: "x",
      allowed_mentions: { parse: ["roles"], roles: ["1"] },
    });
    expect(res.json).to.have.nested.property(
      "errors.allowed_mentions._errors[0].code",
      "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
    );
  });

  it("allows SUPPRESS_EMBEDS and SUPPRESS_NOTIFICATIONS and rejects flags a webhook may not set", async () => {
    await accepts({ content: "x", flags: 4 | 4096 });
    await rejects(
      { content: "x", flags: 64 },
      formBody({
        flags: {
          _errors: [
            {
              code: "MESSAGE_FLAGS_INVALID",
              message:
                "Webhook messages may only set SUPPRESS_EMBEDS (4), SUPPRESS_NOTIFICATIONS (4096) and IS_COMPONENTS_V2 (32768).",
            },
          ],
        },
      }),
    );
  });

  it("rejects a username outside 1 to 80 characters", async () => {
    await rejects(
      { content: "x", username: "u".repeat(81) },
      formBody({
        username: {
          _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 80 in length." }],
        },
      }),
    );
  });

  it("reports every invalid field of a body at once", async () => {
    const res = await postJson(hook.webhookUrl, {
      content: "c".repeat(2001),
      embeds: [{ title: "t".repeat(257) }],
      flags: 2,
    });
    expect(Object.keys((res.json as { errors: object }).errors)).to.deep.equal([
      "content",
      "embeds",
      "flags",
    ]);
  });

  for (const [name, body] of [
    ["no fields at all", {}],
    ["empty content", { content: "" }],
    ["an empty embeds array", { embeds: [] }],
    ["only a username", { username: "Stepcord" }],
  ] as const) {
    it(`answers 50006 Cannot send an empty message for ${name}`, async () => {
      await rejects(body, { message: "Cannot send an empty message", code: 50006 });
    });
  }

  it("checks form errors before emptiness, as Discord does", async () => {
    const res = await postJson(hook.webhookUrl, { flags: 1 });
    expect(res.json).to.include({ code: 50035 });
  });

  it("treats a message with only embeds, components or a poll as non-empty", async () => {
    await accepts({ embeds: [{ description: "d" }] });
    await accepts({ components: [{ type: 1, components: [] }] });
    await accepts({ poll: { question: { text: "q" }, answers: [] } });
  });
});
