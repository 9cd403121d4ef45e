import { expect } from "chai";
import {
  memberPermissionsSplit,
  SETTINGS_ERRORS,
  SettingsAnswer,
  type SettingsCall,
  serverSettingsOfItem,
} from "../src/index.js";
import { startTestSettingsTable, type TestLedger } from "./support/index.js";
import { runSettings } from "./support/run-settings.js";

const GUILD = "111111111111111111";
const ADMIN = "222222222222222222";
const MANAGE_GUILD = "32";

let nextId = 1300000000000000000n;
function call(request: SettingsCall["request"], overrides: Partial<SettingsCall> = {}): SettingsCall {
  nextId += 1n;
  const memberPermissions = overrides.memberPermissions ?? MANAGE_GUILD;
  return {
    version: 1,
    interactionId: nextId.toString(),
    guildId: GUILD,
    userId: ADMIN,
    memberPermissions,
    ...memberPermissionsSplit(memberPermissions),
    request,
    ...overrides,
  };
}

async function answer(input: unknown, table: TestLedger): Promise<SettingsAnswer> {
  return SettingsAnswer.parse(await runSettings(input, table));
}

describe("the settings workflow", () => {
  let table: TestLedger;
  beforeEach(async () => {
    table = await startTestSettingsTable();
  });
  afterEach(() => table.close());

  it("answers status of a server nobody configured as noServerSettings, writing nothing", async () => {
    const result = await answer(call({ kind: "status" }), table);
    expect(result).to.deep.equal({
      outcome: "status",
      settings: {
        guildId: GUILD,
        version: 0,
        updatedAt: null,
        updatedBy: null,
        pausedUntil: null,
        ignoredChannels: [],
      },
    });
    expect(await table.items()).to.deep.equal([]);
  });

  it("applies a change as version 1, stamped with who and when", async () => {
    const before = Date.now();
    const result = await answer(call({ kind: "min-members", minMembers: 3 }), table);
    const updatedAt = (result as { settings: { updatedAt: string } }).settings.updatedAt;
    // $$.Execution.StartTime: the execution's start, which the runner sets itself.
    expect(Date.parse(updatedAt)).to.be.within(before - 1000, Date.now());
    expect(result).to.deep.equal({
      outcome: "applied",
      settings: {
        guildId: GUILD,
        version: 1,
        updatedAt,
        updatedBy: ADMIN,
        pausedUntil: null,
        minMembers: 3,
        ignoredChannels: [],
      },
    });
  });

  it("stores an item serverSettingsOfItem reads back as the answer's settings", async () => {
    const result = await answer(
      call({ kind: "quiet", from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" }),
      table,
    );
    const item = (await table.items()).find((i) => (i.pk as { S: string }).S === `guild#${GUILD}`);
    expect(serverSettingsOfItem(item as Record<string, unknown>)).to.deep.equal(
      (result as { settings: unknown }).settings,
    );
  });

  it("answers a replayed interaction replayed and writes nothing twice", async () => {
    const first = call({ kind: "min-members", minMembers: 2 });
    await answer(first, table);
    const again = await answer(first, table);
    expect(again.outcome).to.equal("replayed");
    expect((again as { settings: { version: number } }).settings.version).to.equal(1);
  });

  it("answers an old interaction replayed after a later change, without undoing the later one", async () => {
    const old = call({ kind: "min-members", minMembers: 2 });
    await answer(old, table);
    await answer(call({ kind: "min-members", minMembers: 5 }), table);
    const replay = await answer(old, table);
    expect(replay.outcome).to.equal("replayed");
    expect(replay).to.have.nested.property("settings.minMembers", 5);
    expect(replay).to.have.nested.property("settings.version", 2);
  });

  it("records each applied interaction with a TTL a day after the execution started (to the minute)", async () => {
    const change = call({ kind: "resume" });
    const result = await answer(change, table);
    const started = Date.parse((result as { settings: { updatedAt: string } }).settings.updatedAt);
    const minute = Math.floor(started / 60_000) * 60;
    const record = (await table.items()).find(
      (i) => (i.pk as { S: string }).S === `interaction#${change.interactionId}`,
    );
    expect(record).to.deep.include({ expiresAt: { N: String(minute + 86_400) }, guildId: { S: GUILD } });
  });

  it("refuses a member without Manage Server or Administrator, writing nothing", async () => {
    const result = await answer(
      call({ kind: "pause", durationMs: null, untilMs: null, until: null }, { memberPermissions: "2048" }),
      table,
    );
    expect(result).to.deep.include({ outcome: "refused", reason: "not-allowed" });
    expect(await table.items()).to.deep.equal([]);
  });

  it("answers the bot's own status read, made without a member's permissions, since reading changes nothing", async () => {
    const result = await answer(call({ kind: "status" }, { memberPermissions: "0" }), table);
    expect(result.outcome).to.equal("status");
    expect(await table.items()).to.deep.equal([]);
  });

  it("lets an Administrator change settings", async () => {
    const result = await answer(call({ kind: "quiet-off" }, { memberPermissions: "8" }), table);
    expect(result).to.have.nested.property("settings.quietHours", "off");
  });

  it("refuses a call of another version as invalid", async () => {
    const result = await answer({ ...call({ kind: "status" }), version: 2 }, table);
    expect(result).to.deep.include({ outcome: "refused", reason: "invalid" });
  });

  it("refuses a call without a request kind it knows as invalid", async () => {
    for (const request of [
      { kind: "delete-everything" },
      { kind: "min-members" },
      { kind: "min-members", minMembers: 100 },
    ]) {
      const result = await answer({ ...call({ kind: "status" }), request }, table);
      expect(result, JSON.stringify(request)).to.deep.include({ outcome: "refused", reason: "invalid" });
    }
  });

  it("refuses events naming a kind that does not exist as invalid", async () => {
    const result = await answer(
      { ...call({ kind: "status" }), request: { kind: "events", events: ["join", "dance"] } },
      table,
    );
    expect(result).to.deep.include({ outcome: "refused", reason: "invalid" });
  });

  it("refuses a guild id that could break out of its item key", async () => {
    for (const guildId of ['g"1', "1\\2", "1#2", "1 2"]) {
      const result = await answer(call({ kind: "status" }, { guildId }), table);
      expect(result, guildId).to.deep.include({ outcome: "refused", reason: "invalid" });
    }
  });

  it("refuses ids that are not strings, and an empty or quoted channel id", async () => {
    const numeric = await answer({ ...call({ kind: "status" }), guildId: 111 }, table);
    expect(numeric).to.deep.include({ outcome: "refused", reason: "invalid" });
    for (const channelId of ["", 'c"1']) {
      const result = await answer(call({ kind: "ignore", channelId }), table);
      expect(result, channelId).to.deep.include({ outcome: "refused", reason: "invalid" });
    }
  });

  it("pauses until the ISO time given, and indefinitely without one", async () => {
    const until = await answer(
      call({
        kind: "pause",
        durationMs: 1_800_000,
        untilMs: Date.UTC(2026, 11, 7, 9, 30),
        until: "2026-12-07T09:30:00.000Z",
      }),
      table,
    );
    expect(until).to.have.nested.property("settings.pausedUntil", "2026-12-07T09:30:00.000Z");
    const forever = await answer(
      call({ kind: "pause", durationMs: null, untilMs: null, until: null }),
      table,
    );
    expect(forever).to.have.nested.property("settings.pausedUntil", "indefinitely");
    const resumed = await answer(call({ kind: "resume" }), table);
    expect(resumed).to.have.nested.property("settings.pausedUntil", null);
  });

  it("keeps the server's zone for quiet hours given without one, UTC if it never set one", async () => {
    const utc = await answer(call({ kind: "quiet", from: "22:00", to: "06:00" }), table);
    expect(utc).to.have.deep.nested.property("settings.quietHours", {
      from: "22:00",
      to: "06:00",
      timeZone: "UTC",
    });
    await answer(call({ kind: "quiet", from: "23:00", to: "07:00", timeZone: "Asia/Tokyo" }), table);
    const kept = await answer(call({ kind: "quiet", from: "00:00", to: "05:00" }), table);
    expect(kept).to.have.deep.nested.property("settings.quietHours", {
      from: "00:00",
      to: "05:00",
      timeZone: "Asia/Tokyo",
    });
  });

  it("ignores and unignores voice channels as a set, the last unignore leaving an empty list", async () => {
    await answer(call({ kind: "ignore", channelId: "333333333333333333" }), table);
    const two = await answer(call({ kind: "ignore", channelId: "444444444444444444" }), table);
    expect(
      (two as { settings: { ignoredChannels: string[] } }).settings.ignoredChannels.sort(),
    ).to.deep.equal(["333333333333333333", "444444444444444444"]);
    await answer(call({ kind: "unignore", channelId: "333333333333333333" }), table);
    const none = await answer(call({ kind: "unignore", channelId: "444444444444444444" }), table);
    expect(none).to.have.deep.nested.property("settings.ignoredChannels", []);
    expect(none).to.have.nested.property("settings.version", 4);
  });

  it("sets the event kinds announced", async () => {
    const result = await answer(call({ kind: "events", events: ["join", "leave"] }), table);
    expect(result).to.have.deep.nested.property("settings.events", ["join", "leave"]);
  });

  it("keeps earlier settings when a later change touches another one", async () => {
    await answer(call({ kind: "min-members", minMembers: 4 }), table);
    const result = await answer(call({ kind: "quiet-off" }), table);
    expect(result).to.deep.include({ outcome: "applied" });
    expect(result).to.have.nested.property("settings.minMembers", 4);
    expect(result).to.have.nested.property("settings.version", 2);
  });

  it("answers status with what the changes wrote", async () => {
    await answer(call({ kind: "min-members", minMembers: 4 }), table);
    const status = await answer(call({ kind: "status" }), table);
    expect(status).to.deep.include({ outcome: "status" });
    expect(status).to.have.nested.property("settings.minMembers", 4);
  });
});

describe("the settings workflow's conditional write", () => {
  let table: TestLedger;
  beforeEach(async () => {
    table = await startTestSettingsTable();
  });
  afterEach(() => table.close());

  /** The table, but another change lands (through `race`) just before this execution's UpdateItem. */
  function racing(race: () => Promise<void>): TestLedger {
    return {
      ...table,
      task(resource) {
        const real = table.task(resource);
        if (!resource.endsWith(":updateItem")) return real;
        return async (parameters) => {
          await race();
          return real(parameters);
        };
      },
    };
  }

  it("fails Stepcord.SettingsConflict, writing nothing, when another change landed since its read", async () => {
    await answer(call({ kind: "min-members", minMembers: 1 }), table);
    const other = call({ kind: "min-members", minMembers: 9 });
    const lost = runSettings(
      call({ kind: "quiet-off" }),
      racing(() => answer(other, table).then(() => undefined)),
    );
    let error: unknown;
    await lost.catch((e: unknown) => {
      error = e;
    });
    expect((error as { cause?: Error }).cause?.name).to.equal(SETTINGS_ERRORS.conflict);
    const status = await answer(call({ kind: "status" }), table);
    expect(status).to.have.nested.property("settings.minMembers", 9);
    expect(status).to.not.have.nested.property("settings.quietHours");
    expect(status).to.have.nested.property("settings.version", 2);
  });

  it("answers replayed when the write it lost to was its own interaction's", async () => {
    const change = call({ kind: "min-members", minMembers: 6 });
    let raced = false;
    const result = await runSettings(
      change,
      racing(async () => {
        if (raced) return;
        raced = true;
        await answer(change, table);
      }),
    );
    expect(SettingsAnswer.parse(result)).to.deep.include({ outcome: "replayed" });
    expect(result).to.have.nested.property("settings.version", 1);
  });
});
