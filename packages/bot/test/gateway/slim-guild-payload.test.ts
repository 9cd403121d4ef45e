import { communityGuild, FAKE_BOT_USER, guildCreatePayload } from "@stepcord/fake-discord/gateway";
import { expect } from "chai";
import { type RawGuildPayload, slimGuildPayload } from "../../src/gateway/slim-guild-payload.js";

describe("slimGuildPayload", () => {
  const payload = guildCreatePayload(communityGuild(3, { liveStage: true })) as RawGuildPayload;

  it("keeps voice and stage channels without their overwrites, @everyone and the bot's own member", () => {
    const slim = slimGuildPayload(payload, FAKE_BOT_USER.id);
    expect(slim.channels?.map((c) => c.type).every((t) => t === 2 || t === 13)).to.equal(true);
    expect(slim.channels).to.have.length(11);
    expect(slim.channels?.every((c) => c.permission_overwrites?.length === 0)).to.equal(true);
    expect(slim.roles?.map((r) => r.id)).to.deep.equal([payload.id]);
    expect(slim.members?.map((m) => m.user?.id)).to.deep.equal([FAKE_BOT_USER.id]);
  });

  it("leaves out emojis, stickers, threads, scheduled events, stage instances and presences", () => {
    const slim = slimGuildPayload(payload, FAKE_BOT_USER.id);
    for (const field of [
      "emojis",
      "stickers",
      "threads",
      "guild_scheduled_events",
      "stage_instances",
      "presences",
    ])
      expect(slim, field).not.to.have.property(field);
  });

  it("passes the guild's own fields and voice states through, and never changes its input", () => {
    const before = structuredClone(payload);
    const slim = slimGuildPayload(payload, FAKE_BOT_USER.id);
    expect(payload).to.deep.equal(before);
    for (const field of ["id", "name", "afk_channel_id", "member_count", "large", "voice_states"])
      expect(slim[field], field).to.deep.equal(payload[field]);
  });

  it("adds nothing a GUILD_UPDATE did not carry", () => {
    const update = { id: "1", name: "Renamed", roles: [{ id: "1" }, { id: "2" }], emojis: [] };
    expect(slimGuildPayload(update, FAKE_BOT_USER.id)).to.deep.equal({
      id: "1",
      name: "Renamed",
      roles: [{ id: "1" }],
    });
  });
});
