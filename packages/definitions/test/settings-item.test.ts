import { expect } from "chai";
import fc from "fast-check";
import {
  InvalidSettingsItemError,
  noServerSettings,
  type ServerSettings,
  serverSettingsOfItem,
  settingsItem,
} from "../src/index.js";

const GUILD = "111111111111111111";
const configured: ServerSettings = {
  guildId: GUILD,
  version: 3,
  updatedAt: "2026-12-07T09:00:00.000Z",
  updatedBy: "222222222222222222",
  pausedUntil: "indefinitely",
  quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" },
  minMembers: 2,
  events: ["join", "leave"],
  ignoredChannels: ["333333333333333333"],
};

describe("settingsItem and serverSettingsOfItem", () => {
  it("write a server's settings as guild#<id> with the version as a number and channels as a string set", () => {
    expect(settingsItem(configured, "1300000000000000001")).to.deep.equal({
      pk: { S: `guild#${GUILD}` },
      settings: {
        S: JSON.stringify({
          guildId: GUILD,
          updatedAt: "2026-12-07T09:00:00.000Z",
          updatedBy: "222222222222222222",
          pausedUntil: "indefinitely",
          quietHours: { from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" },
          minMembers: 2,
          events: ["join", "leave"],
        }),
      },
      version: { N: "3" },
      ignoredChannels: { SS: ["333333333333333333"] },
      lastInteraction: { S: "1300000000000000001" },
    });
  });

  it("leave the string set out when nothing is ignored: DynamoDB has no empty sets", () => {
    expect(settingsItem(noServerSettings(GUILD))).to.not.have.property("ignoredChannels");
  });

  it("read back what they wrote", () => {
    expect(serverSettingsOfItem(settingsItem(configured))).to.deep.equal(configured);
    expect(serverSettingsOfItem(settingsItem(noServerSettings(GUILD)))).to.deep.equal(
      noServerSettings(GUILD),
    );
  });

  it("read back what they wrote for any minMembers, pause and channel list (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom(null, "indefinitely", "2026-12-07T09:30:00.000Z"),
        fc.uniqueArray(fc.bigInt({ min: 10n ** 17n, max: 10n ** 19n }).map(String), { maxLength: 5 }),
        fc.nat({ max: 1000 }),
        (minMembers, pausedUntil, ignoredChannels, version) => {
          const settings = { ...noServerSettings(GUILD), minMembers, pausedUntil, ignoredChannels, version };
          expect(serverSettingsOfItem(settingsItem(settings))).to.deep.equal(settings);
        },
      ),
    );
  });

  it("refuse an item without settings or version, naming its key and the fix", () => {
    expect(() => serverSettingsOfItem({ pk: { S: `guild#${GUILD}` }, version: { N: "1" } }))
      .to.throw(InvalidSettingsItemError, `guild#${GUILD}`)
      .with.property("code", "STEPCORD_INVALID_SETTINGS_ITEM");
  });

  it("refuse an item whose settings belong to another guild", () => {
    const item = { ...settingsItem(configured), pk: { S: "guild#999999999999999999" } };
    expect(() => serverSettingsOfItem(item)).to.throw(
      InvalidSettingsItemError,
      /holds the settings of guild/,
    );
  });

  it("refuse an item whose settings are not JSON", () => {
    const item = { ...settingsItem(configured), settings: { S: "{" } };
    expect(() => serverSettingsOfItem(item)).to.throw(InvalidSettingsItemError, /not JSON/);
  });
});
