import { expect } from "chai";
import type { CommandOption } from "../src/index.js";
import {
  ApplicationIntegrationType,
  bulkOverwriteRequest,
  ChannelType,
  canManageGuild,
  commandDefinitionHash,
  InteractionContextType,
  InvalidSnowflakeError,
  needsRegistration,
  OptionType,
  SETTINGS_SUBCOMMANDS,
  stepcordCommand,
} from "../src/index.js";
import { commandCharacters, commandLimitFindings, MAX_COMMAND_CHARACTERS } from "./support/command-limits.js";

const sub = (name: string): CommandOption => {
  const found = stepcordCommand().options?.find((o) => o.name === name);
  if (!found) throw new Error(`no subcommand ${name}`);
  return found;
};

describe("stepcordCommand", () => {
  it("stays inside every documented limit of a CHAT_INPUT command (application-commands.mdx)", () => {
    expect(commandLimitFindings(stepcordCommand())).to.deep.equal([]);
  });

  it("the limit check itself catches an uppercase name, a long description and a required option after an optional one", () => {
    const bad = stepcordCommand();
    bad.name = "Stepcord";
    bad.description = "x".repeat(101);
    const pause = bad.options?.find((o) => o.name === "pause");
    pause?.options?.push({ type: OptionType.String, name: "late", description: "d", required: true });
    const findings = commandLimitFindings(bad).join("\n");
    expect(findings).to.match(/"Stepcord" is not lowercase/);
    expect(findings).to.match(/101 characters, not 1-100/);
    expect(findings).to.match(/required option after an optional one/);
  });

  it("counts its characters well under Discord's 8000 (the longest localization of each field)", () => {
    expect(commandCharacters(stepcordCommand())).to.be.within(1, MAX_COMMAND_CHARACTERS);
  });

  it("is guild-only through contexts and integration_types, never the deprecated dm_permission", () => {
    const c = stepcordCommand();
    expect(c.contexts).to.deep.equal([InteractionContextType.Guild]);
    expect(c.integration_types).to.deep.equal([ApplicationIntegrationType.GuildInstall]);
    expect(c).not.to.have.property("dm_permission");
  });

  it("asks for Manage Server (1 << 5) as a decimal string bit set", () => {
    expect(stepcordCommand().default_member_permissions).to.equal("32");
  });

  it("has one subcommand per action and no subcommand groups (a group cannot also take options)", () => {
    const options = stepcordCommand().options ?? [];
    expect(options.map((o) => o.name)).to.deep.equal([...SETTINGS_SUBCOMMANDS]);
    expect(options.every((o) => o.type === OptionType.Subcommand)).to.equal(true);
  });

  it("localizes every name and description into en-US and ja", () => {
    const walk = (o: {
      name_localizations?: object;
      description_localizations?: object;
      options?: CommandOption[];
    }): void => {
      expect(o.name_localizations).to.have.all.keys("en-US", "ja");
      expect(o.description_localizations).to.have.all.keys("en-US", "ja");
      for (const child of o.options ?? []) walk(child);
    };
    walk(stepcordCommand());
  });

  it("offers only voice and stage channels to ignore and unignore", () => {
    for (const name of ["ignore", "unignore"])
      expect(sub(name).options?.[0]?.channel_types).to.deep.equal([
        ChannelType.GuildVoice,
        ChannelType.GuildStageVoice,
      ]);
  });

  it("autocompletes the quiet hours' time zone", () => {
    const tz = sub("quiet").options?.find((o) => o.name === "timezone");
    expect(tz?.autocomplete).to.equal(true);
    expect(tz?.required).to.equal(false);
  });

  it("bounds min-members to 0-99 in the client", () => {
    const count = sub("min-members").options?.[0];
    expect([count?.min_value, count?.max_value]).to.deep.equal([0, 99]);
  });
});

describe("commandDefinitionHash", () => {
  it("is the same for the same definition built twice", () => {
    expect(commandDefinitionHash([stepcordCommand()])).to.equal(commandDefinitionHash([stepcordCommand()]));
  });

  it("does not change when only the order of object keys does", () => {
    const c = stepcordCommand();
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as typeof c;
    expect(commandDefinitionHash([reordered])).to.equal(commandDefinitionHash([c]));
  });

  it("changes when a description changes", () => {
    const c = stepcordCommand();
    c.description = `${c.description}!`;
    expect(commandDefinitionHash([c])).not.to.equal(commandDefinitionHash([stepcordCommand()]));
  });

  it("asks for a registration when nothing was registered and not again once the hash is stored", () => {
    const commands = [stepcordCommand()];
    expect(needsRegistration(commands, undefined)).to.equal(true);
    expect(needsRegistration(commands, commandDefinitionHash(commands))).to.equal(false);
  });
});

describe("canManageGuild", () => {
  it("lets Manage Server through", () => expect(canManageGuild("32")).to.equal(true));
  it("lets Administrator through", () => expect(canManageGuild("8")).to.equal(true));
  it("reads bits above 2^53 without losing the low ones", () =>
    expect(canManageGuild(((1n << 60n) | 32n).toString())).to.equal(true));
  it("refuses a member with neither", () =>
    expect(canManageGuild(((1n << 60n) | 1024n).toString())).to.equal(false));
  it("refuses a missing or non-decimal bit set", () => {
    expect(canManageGuild(undefined)).to.equal(false);
    expect(canManageGuild("0x20")).to.equal(false);
  });
});

describe("bulkOverwriteRequest", () => {
  it("PUTs global commands to /applications/{application.id}/commands", () => {
    const r = bulkOverwriteRequest({ applicationId: "775799577604522054", commands: [stepcordCommand()] });
    expect([r.method, r.path]).to.deep.equal(["PUT", "/applications/775799577604522054/commands"]);
    expect(r.body).to.deep.equal([stepcordCommand()]);
  });

  it("PUTs guild commands to /applications/{application.id}/guilds/{guild.id}/commands", () => {
    const r = bulkOverwriteRequest({ applicationId: "1", guildId: "2", commands: [] });
    expect(r.path).to.equal("/applications/1/guilds/2/commands");
  });

  it("refuses an id that is not a snowflake rather than build a path to another route", () => {
    expect(() => bulkOverwriteRequest({ applicationId: "1/../x", commands: [] })).to.throw(
      InvalidSnowflakeError,
      /applicationId/,
    );
  });
});
