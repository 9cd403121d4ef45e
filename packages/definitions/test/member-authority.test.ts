import { StateMachine } from "aws-local-stepfunctions";
import { expect } from "chai";
import fc from "fast-check";
import {
  canManageGuild,
  MAX_EXACT_PERMISSIONS,
  MEMBER_AUTHORITY_START,
  memberAuthorityStates,
} from "../src/index.js";

type Verdict = "allowed" | "not-allowed" | "invalid";

const machine = new StateMachine(
  {
    StartAt: MEMBER_AUTHORITY_START,
    States: {
      ...memberAuthorityStates({
        permissionsPath: "$.memberPermissions",
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

async function verdict(memberPermissions: string): Promise<Verdict> {
  return (await machine.run({ memberPermissions }).result) as Verdict;
}

describe("memberAuthorityStates", () => {
  it("allows Manage Server (0x20) alone", async () => {
    expect(await verdict("32")).to.equal("allowed");
  });

  it("allows Administrator (0x8) alone", async () => {
    expect(await verdict("8")).to.equal("allowed");
  });

  it("refuses a member with every bit but those two, up to bit 52", async () => {
    const all = (1n << 53n) - 1n;
    const without = all & ~(0x20n | 0x8n);
    expect(await verdict(without.toString())).to.equal("not-allowed");
  });

  it("allows the highest exact value, every bit from 0 to 52 (an administrator's permissions)", async () => {
    expect(await verdict(((1n << 53n) - 1n).toString())).to.equal("allowed");
  });

  it("refuses a value at or beyond 2^53 instead of reading rounded bits", async () => {
    expect(MAX_EXACT_PERMISSIONS).to.equal(2 ** 53);
    expect(await verdict((1n << 53n).toString())).to.equal("not-allowed");
    expect(await verdict(((1n << 60n) | 0x20n).toString())).to.equal("not-allowed");
  });

  it("refuses 0 and a member with only lower bits", async () => {
    expect(await verdict("0")).to.equal("not-allowed");
    expect(await verdict("7")).to.equal("not-allowed");
    expect(await verdict("16")).to.equal("not-allowed");
  });

  it("calls a sign, fraction, exponent, leading zero or empty string invalid", async () => {
    for (const text of ["-32", "32.0", "3e1", "032", "", "+32", "[32]", '"32"'])
      expect(await verdict(text), text).to.equal("invalid");
  });

  it("calls JSON that is not a number invalid", async () => {
    for (const text of ["true", "null"]) expect(await verdict(text), text).to.equal("invalid");
  });

  it("decides as canManageGuild does for every value below 2^53 (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.bigInt({ min: 0n, max: (1n << 53n) - 1n }), async (bits) => {
        const expected = canManageGuild(bits.toString()) ? "allowed" : "not-allowed";
        expect(await verdict(bits.toString())).to.equal(expected);
      }),
      { numRuns: 300 },
    );
  });
});
