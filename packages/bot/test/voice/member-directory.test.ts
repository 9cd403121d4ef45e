import { expect } from "chai";
import { MemberDirectory } from "../../src/voice/member-directory.js";

describe("MemberDirectory", () => {
  it("shows the nickname, else the global name, else the username, and flags bots", () => {
    const directory = new MemberDirectory();
    directory.note("g", { user: { id: "1", username: "ana", global_name: "Ana" }, nick: "Captain" });
    directory.note("g", { user: { id: "2", username: "ben", global_name: "Ben" }, nick: null });
    directory.note("g", { user: { id: "3", username: "cal", global_name: null } });
    directory.note("g", { user: { id: "4", username: "dj", bot: true } });
    expect(["1", "2", "3", "4"].map((id) => directory.get("g", id))).to.deep.equal([
      { displayName: "Captain", bot: false },
      { displayName: "Ben", bot: false },
      { displayName: "cal", bot: false },
      { displayName: "dj", bot: true },
    ]);
  });

  it("keeps members apart by guild and takes a later nickname", () => {
    const directory = new MemberDirectory();
    directory.note("g1", { user: { id: "1", username: "ana" } });
    directory.note("g2", { user: { id: "1", username: "ana" }, nick: "Ana in g2" });
    directory.note("g1", { user: { id: "1", username: "ana" }, nick: "Renamed" });
    expect(directory.get("g1", "1")?.displayName).to.equal("Renamed");
    expect(directory.get("g2", "1")?.displayName).to.equal("Ana in g2");
  });

  it("forgets a member, every member not retained, or a whole guild", () => {
    const directory = new MemberDirectory();
    for (const id of ["1", "2", "3"]) directory.note("g", { user: { id, username: `u${id}` } });
    directory.note("h", { user: { id: "9", username: "u9" } });
    directory.forget("g", "1");
    directory.retain("g", new Set(["3"]));
    expect(directory.get("g", "2")).to.equal(undefined);
    expect(directory.size).to.equal(2);
    directory.forgetGuild("h");
    expect(directory.size).to.equal(1);
    expect(directory.get("g", "3")?.displayName).to.equal("u3");
  });

  it("ignores a member object without a user", () => {
    const directory = new MemberDirectory();
    directory.note("g", { nick: "nobody" });
    expect(directory.size).to.equal(0);
  });
});
