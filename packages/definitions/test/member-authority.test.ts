import { StateMachine } from "aws-local-stepfunctions";
import { expect } from "chai";
import fc from "fast-check";
import {
  canManageGuild,
  MEMBER_AUTHORITY_START,
  type MemberPermissionsSplit,
  memberAuthorityStates,
  memberPermissionsSplit,
} from "../src/index.js";

type Verdict = "allowed" | "not-allowed" | "invalid";

// The local engine is patched to fail States.MathAdd outside the 32-bit range, as AWS documents "integer" values
// (test/intrinsic-integer-range.test.ts): a verdict here means no intrinsic needed a larger number.
const machine = new StateMachine(
  {
    StartAt: MEMBER_AUTHORITY_START,
    States: {
      ...memberAuthorityStates({
        permissionsPath: "$.memberPermissions",
        low6Path: "$.memberPermissionsLow6",
        highPath: "$.memberPermissionsHigh",
        resultPath: "$.authority",
        allowed: "Allowed",
        notAllowed: "NotAllowed",
        invalid: "Invalid",
      }),
      Allowed: { Type: "Pass", Result: "allowed", End: true },
      NotAllowed: { Type: "Pass", Result: "not-allowed", End: true },
      Invalid: { Type: "Pass", Result: "invalid", End: true },
    },
  } as never,
  { validationOptions: { checkArn: true, checkPaths: true } },
);

async function verdictOf(input: Record<string, unknown>): Promise<Verdict> {
  return (await machine.run(input as never).result) as Verdict;
}

/** As the bot sends it: the value and `memberPermissionsSplit` of it. */
async function verdict(memberPermissions: string): Promise<Verdict> {
  return verdictOf({ memberPermissions, ...memberPermissionsSplit(memberPermissions) });
}

const ADMINISTRATOR_TODAY = "2251799813685247";

describe("memberAuthorityStates", () => {
  it("allows Manage Server (0x20) alone", async () => {
    expect(await verdict("32")).to.equal("allowed");
  });

  it("allows Administrator (0x8) alone", async () => {
    expect(await verdict("8")).to.equal("allowed");
  });

  it("reads an administrator's permissions (2251799813685247) with every MathAdd inside the 32-bit range", async () => {
    expect(await verdict(ADMINISTRATOR_TODAY)).to.equal("allowed");
  });

  it("refuses a member with every bit but those two, up to bit 52", async () => {
    const all = (1n << 53n) - 1n;
    const without = all & ~(0x20n | 0x8n);
    expect(await verdict(without.toString())).to.equal("not-allowed");
  });

  it("reads values past 2^53 (a bit 53 or 63 Discord may add) instead of refusing them", async () => {
    expect(await verdict(((1n << 53n) | 0x20n).toString())).to.equal("allowed");
    expect(await verdict(((1n << 64n) - 1n).toString())).to.equal("allowed");
    expect(await verdict((1n << 63n).toString())).to.equal("not-allowed");
  });

  it("refuses 0 and a member with only lower bits", async () => {
    expect(await verdict("0")).to.equal("not-allowed");
    expect(await verdict("7")).to.equal("not-allowed");
    expect(await verdict("16")).to.equal("not-allowed");
  });

  it("calls a sign, fraction, exponent, leading zero or empty string invalid", async () => {
    for (const text of ["-32", "32.0", "3e1", "032", "", "+32", "[32]", '"32"'])
      expect(
        await verdictOf({
          memberPermissions: text,
          memberPermissionsLow6: "000032",
          memberPermissionsHigh: "",
        }),
        text,
      ).to.equal("invalid");
  });

  it("calls JSON that is not a number invalid", async () => {
    for (const text of ["true", "null"])
      expect(
        await verdictOf({
          memberPermissions: text,
          memberPermissionsLow6: "000000",
          memberPermissionsHigh: "",
        }),
        text,
      ).to.equal("invalid");
  });

  it("calls a call without the split, or with a split that is not a string, invalid", async () => {
    const split = memberPermissionsSplit("32");
    expect(
      await verdictOf({ memberPermissions: "32", memberPermissionsLow6: split.memberPermissionsLow6 }),
    ).to.equal("invalid");
    expect(await verdictOf({ memberPermissions: "32", memberPermissionsHigh: "" })).to.equal("invalid");
    expect(
      await verdictOf({ memberPermissions: "32", memberPermissionsLow6: 32, memberPermissionsHigh: "" }),
    ).to.equal("invalid");
  });

  it("calls six digits that do not end the value invalid, so a forged Manage Server bit is never read", async () => {
    const forged = (split: Partial<MemberPermissionsSplit>, memberPermissions = "2048") =>
      verdictOf({ memberPermissions, ...memberPermissionsSplit(memberPermissions), ...split });
    expect(await forged({ memberPermissionsLow6: "000032" })).to.equal("invalid");
    expect(await forged({ memberPermissionsLow6: "32" })).to.equal("invalid");
    expect(await forged({ memberPermissionsLow6: "2048" })).to.equal("invalid");
    expect(await forged({ memberPermissionsLow6: "abc" })).to.equal("invalid");
    expect(await forged({ memberPermissionsLow6: "685280" }, (1n << 51n).toString())).to.equal("invalid");
  });

  it("calls a split at the wrong place invalid: the low part must be exactly six digits", async () => {
    const value = "2251799813685216";
    expect(
      await verdictOf({
        memberPermissions: value,
        memberPermissionsHigh: "22517998136",
        memberPermissionsLow6: "85216",
      }),
    ).to.equal("invalid");
    expect(
      await verdictOf({
        memberPermissions: value,
        memberPermissionsHigh: "225179981",
        memberPermissionsLow6: "3685216",
      }),
    ).to.equal("invalid");
    expect(
      await verdictOf({
        memberPermissions: value,
        memberPermissionsHigh: "",
        memberPermissionsLow6: "685216",
      }),
    ).to.equal("invalid");
  });

  it("decides as canManageGuild does for every value below 2^64 (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), async (bits) => {
        const expected = canManageGuild(bits.toString()) ? "allowed" : "not-allowed";
        expect(await verdict(bits.toString())).to.equal(expected);
      }),
      { numRuns: 300 },
    );
  });
});
