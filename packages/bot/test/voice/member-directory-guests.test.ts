import { expect } from "chai";
import {
  GUILD_MEMBER_FLAG_IS_GUEST,
  isGuestMember,
  MemberDirectory,
} from "../../src/voice/member-directory.js";

const GUILD = "100000000000000001";
const user = { id: "300000000000000042", username: "gus" };

describe("MemberDirectory and guests (guild.mdx, Guild Member Flags: IS_GUEST 1 << 4)", () => {
  it("takes IS_GUEST to be 1 << 4", () => {
    expect(GUILD_MEMBER_FLAG_IS_GUEST).to.equal(16);
  });

  it("marks a member with the IS_GUEST flag as a guest", () => {
    expect(
      isGuestMember({ user, joined_at: "2024-01-01T00:00:00.000Z", flags: GUILD_MEMBER_FLAG_IS_GUEST | 1 }),
    ).to.equal(true);
  });

  it("marks a member whose joined_at is null as a guest", () => {
    expect(isGuestMember({ user, joined_at: null, flags: 0 })).to.equal(true);
  });

  it("does not mark a member who joined, or one sent without joined_at, as a guest", () => {
    expect(isGuestMember({ user, joined_at: "2024-01-01T00:00:00.000Z", flags: 0 })).to.equal(false);
    expect(isGuestMember({ user })).to.equal(false);
  });

  it("records and restores the guest mark with the name", () => {
    const directory = new MemberDirectory();
    directory.note(GUILD, { user, joined_at: null, flags: GUILD_MEMBER_FLAG_IS_GUEST });
    const noted = directory.get(GUILD, user.id);
    expect(noted).to.deep.equal({ displayName: "gus", bot: false, guest: true });
    const restored = new MemberDirectory();
    if (noted) restored.restore(GUILD, user.id, noted);
    expect(restored.get(GUILD, user.id)?.guest).to.equal(true);
  });
});
