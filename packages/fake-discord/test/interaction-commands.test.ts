import { expect } from "chai";
import { type FakeDiscord, startFakeDiscord } from "../src/gateway/index.js";
import { command, GUILD_ID, guild } from "./support/interaction-fixtures.js";

describe("fake Discord: application command registration", () => {
  let fake: FakeDiscord;
  let base: string;
  const put = (path: string, body: unknown, token: string | null = fake.token) =>
    fetch(`${base}${path}`, {
      method: "PUT",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bot ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { authorization: `Bot ${fake.token}`, ...headers } });

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
    base = `${fake.restUrl}/v10/applications/${fake.applicationId}`;
  });
  afterEach(() => fake.close());

  it("bulk-overwrites global commands and answers 200 with ids, application_id and version", async () => {
    const res = await put("/commands", [command()]);
    expect(res.status).to.equal(200);
    const [stored] = (await res.json()) as Array<Record<string, unknown>>;
    expect(stored).to.include({
      name: "stepcord",
      application_id: fake.applicationId,
      default_member_permissions: "32",
    });
    expect(stored?.id).to.match(/^\d+$/);
    expect(stored?.version).to.match(/^\d+$/);
  });

  it("bulk-overwrites a guild's commands, stamped with its guild_id", async () => {
    const res = await put(`/guilds/${GUILD_ID}/commands`, [command()]);
    expect(((await res.json()) as Array<Record<string, unknown>>)[0]?.guild_id).to.equal(GUILD_ID);
    expect(fake.registeredCommands(GUILD_ID)).to.have.length(1);
    expect(fake.registeredCommands("global")).to.have.length(0);
  });

  it("keeps a command's id and version when the same definition is sent again", async () => {
    const [first] = (await (await put("/commands", [command()])).json()) as Array<Record<string, unknown>>;
    const [second] = (await (await put("/commands", [command()])).json()) as Array<Record<string, unknown>>;
    expect([second?.id, second?.version]).to.deep.equal([first?.id, first?.version]);
  });

  it("keeps the id but moves the version when the definition changes", async () => {
    const [first] = (await (await put("/commands", [command()])).json()) as Array<Record<string, unknown>>;
    const [second] = (await (await put("/commands", [command({ description: "Changed" })])).json()) as Array<
      Record<string, unknown>
    >;
    expect(second?.id).to.equal(first?.id);
    expect(second?.version).not.to.equal(first?.version);
  });

  it("lists commands with name_localized for X-Discord-Locale instead of the dictionaries", async () => {
    await put("/commands", [command()]);
    const [listed] = (await (await get("/commands", { "x-discord-locale": "ja" })).json()) as Array<
      Record<string, unknown>
    >;
    expect(listed).not.to.have.property("description_localizations");
    expect(listed?.description_localized).to.equal("stepcord を設定します");
  });

  it("lists the full dictionaries with with_localizations=true", async () => {
    await put("/commands", [command()]);
    const [listed] = (await (await get("/commands?with_localizations=true")).json()) as Array<
      Record<string, unknown>
    >;
    expect(listed?.description_localizations).to.deep.equal(command().description_localizations);
  });

  it("answers 401 without the bot token", async () => {
    expect((await put("/commands", [command()], null)).status).to.equal(401);
  });

  it("answers 403 50001 for another application's commands", async () => {
    const res = await fetch(`${fake.restUrl}/v10/applications/1/commands`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(res.status).to.equal(403);
    expect(await res.json()).to.deep.equal({ message: "Missing Access", code: 50001 });
  });

  async function formErrors(body: unknown): Promise<unknown> {
    const res = await put("/commands", body);
    expect(res.status).to.equal(400);
    const answer = (await res.json()) as { code: number; message: string; errors: unknown };
    expect([answer.code, answer.message]).to.deep.equal([50035, "Invalid Form Body"]);
    return answer.errors;
  }

  it("refuses an uppercase name with APPLICATION_COMMAND_INVALID_NAME at its path", async () => {
    expect(await formErrors([command({ name: "Stepcord" })])).to.deep.equal({
      "0": {
        name: { _errors: [{ code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" }] },
      },
    });
  });

  it("refuses a description over 100 characters", async () => {
    expect(await formErrors([command({ description: "x".repeat(101) })])).to.deep.equal({
      "0": {
        description: {
          _errors: [{ code: "BASE_TYPE_BAD_LENGTH", message: "Must be between 1 and 100 in length." }],
        },
      },
    });
  });

  it("refuses a required option after an optional one", async () => {
    const options = [
      { type: 3, name: "a", description: "a" },
      { type: 3, name: "b", description: "b", required: true },
    ];
    expect(await formErrors([command({ options })])).to.deep.equal({
      "0": {
        options: {
          "1": {
            _errors: [
              {
                code: "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                message: "Required options must be placed before non-required options",
              },
            ],
          },
        },
      },
    });
  });

  it("refuses a subcommand beside a plain option, and a group inside a subcommand", async () => {
    const mixed = [
      { type: 1, name: "a", description: "a" },
      { type: 3, name: "b", description: "b" },
    ];
    const errors = JSON.stringify(await formErrors([command({ options: mixed })]));
    expect(errors).to.include("APPLICATION_COMMAND_OPTIONS_TYPE_INVALID");
    const deep = [
      { type: 1, name: "a", description: "a", options: [{ type: 2, name: "g", description: "g" }] },
    ];
    expect(JSON.stringify(await formErrors([command({ options: deep })]))).to.include(
      "APPLICATION_COMMAND_OPTIONS_TYPE_INVALID",
    );
  });

  it("refuses more than 25 options", async () => {
    const options = Array.from({ length: 26 }, (_, i) => ({ type: 1, name: `s${i}`, description: "d" }));
    expect(JSON.stringify(await formErrors([command({ options })]))).to.include(
      "Must be 25 or fewer in length.",
    );
  });

  it("refuses a command over 8000 characters, counting only the longest localization of each field", async () => {
    const long = "d".repeat(100);
    const options = Array.from({ length: 25 }, (_, i) => ({
      type: 1,
      name: `s${i}`,
      description: long,
      options: Array.from({ length: 3 }, (_, j) => ({ type: 3, name: `o${j}`, description: long })),
    }));
    expect(JSON.stringify(await formErrors([command({ options })]))).to.include(
      "APPLICATION_COMMAND_TOO_LARGE",
    );
  });

  it("accepts a localized description longer than the default as long as it is within 100", async () => {
    const res = await put("/commands", [command({ description_localizations: { ja: "あ".repeat(100) } })]);
    expect(res.status).to.equal(200);
  });

  it("refuses a localization under a locale Discord does not have", async () => {
    expect(
      JSON.stringify(await formErrors([command({ name_localizations: { jp: "stepcord" } })])),
    ).to.include("jp");
  });
});
