import { Permission } from "../discord/permissions.js";
import { PERMISSIONS_LOW_DIGITS } from "../settings/member-permissions-split.js";
import type { AslState } from "./asl.js";

/** The bits the check reads, lowest first: MANAGE_GUILD is bit 5, ADMINISTRATOR bit 3 (permissions.ts). */
const MANAGE_GUILD_BIT = Math.log2(Number(Permission.MANAGE_GUILD));
const ADMINISTRATOR_BIT = Math.log2(Number(Permission.ADMINISTRATOR));

/**
 * `1` and the last six digits: 1,000,000 to 1,999,999. 10^6 = 2^6 · 15625, so this number and the whole permission
 * value agree on bits 0-5, and it stays below 2^21 — far inside the 32-bit range `States.MathAdd` is documented for
 * ("integer" values, https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html).
 */
const LOW_OFFSET = 10 ** PERMISSIONS_LOW_DIGITS;
const HIGHEST_LOW_BIT = Math.floor(Math.log2(2 * LOW_OFFSET - 1));

export interface MemberAuthorityArgs {
  /** Where Discord's decimal permission string is, e.g. `$.memberPermissions`. */
  permissionsPath: string;
  /** Where its last six digits are, zero-padded (`memberPermissionsSplit`), e.g. `$.memberPermissionsLow6`. */
  low6Path: string;
  /** Where the digits before those six are ("" when none), e.g. `$.memberPermissionsHigh`. */
  highPath: string;
  /** Where the check keeps its working values (`{ rest, … }`). */
  resultPath: string;
  /** Next state when the member has MANAGE_GUILD or ADMINISTRATOR. */
  allowed: string;
  /** Next state when they have neither. */
  notAllowed: string;
  /** Next state when the string is not a plain decimal number or its split does not match it. */
  invalid: string;
}

/** The state the check starts at. */
export const MEMBER_AUTHORITY_START = "AuthorityCheckFields";

/** Characters that make a digit string something else; a leading zero is refused apart. */
const NOT_DIGITS = ["*.*", "*e*", "*E*", "*-*", "*+*", "* *", '*"*', "*[*", "*{*"];

/**
 * States that decide, from the interaction's own `member.permissions`, whether the member may change settings:
 * MANAGE_GUILD (0x20) or ADMINISTRATOR (0x8), as `canManageGuild` decides it in TypeScript. JSONPath has no bitwise
 * operator, no modulo and no substring, and `States.MathAdd` is only documented for (32-bit) integers, while a
 * permission value is any size (an administrator's is above 2^52). So the bot also sends the value's last six digits
 * and the digits before them (`memberPermissionsSplit`); the check proves the split (joined, they are the value) and
 * reads bits 5 and 3 from `1` + the six digits, taking off powers of two from 2^20 down to 2^6 (a Choice and a
 * `States.MathAdd` each). Every number it computes is below 2^21; no large value is ever added. Loop-free, so the
 * time budget stays provable; no boolean from the bot is read.
 */
export function memberAuthorityStates(args: MemberAuthorityArgs): Record<string, AslState> {
  const at = args.resultPath;
  const rest = `${at}.rest`;
  const lowText = `States.Format('1{}', ${args.low6Path})`;
  const states: Record<string, AslState> = {
    [MEMBER_AUTHORITY_START]: {
      Type: "Choice",
      Comment: "Presence first: any other comparison on a missing path is a runtime error, not false.",
      Choices: [
        {
          Or: [args.low6Path, args.highPath].map((path) => ({ Not: { Variable: path, IsPresent: true } })),
          Next: args.invalid,
        },
      ],
      Default: "AuthorityCheckTypes",
    },
    AuthorityCheckTypes: {
      Type: "Choice",
      Choices: [
        {
          Or: [args.permissionsPath, args.low6Path, args.highPath].map((path) => ({
            Not: { Variable: path, IsString: true },
          })),
          Next: args.invalid,
        },
      ],
      Default: "AuthorityCheckText",
    },
    AuthorityCheckText: {
      Type: "Choice",
      Comment:
        "Only digits may reach States.StringToJson: a sign, a fraction, an exponent or a leading zero is refused here.",
      Choices: [
        {
          Or: [
            { Variable: args.permissionsPath, StringEquals: "" },
            ...NOT_DIGITS.map((pattern) => ({ Variable: args.permissionsPath, StringMatches: pattern })),
            {
              And: [
                { Variable: args.permissionsPath, StringMatches: "0*" },
                { Not: { Variable: args.permissionsPath, StringEquals: "0" } },
              ],
            },
          ],
          Next: args.invalid,
        },
      ],
      Default: "AuthorityChooseSplit",
    },
    AuthorityChooseSplit: {
      Type: "Choice",
      Choices: [{ Variable: args.highPath, StringEquals: "", Next: "AuthorityParseShort" }],
      Default: "AuthorityJoin",
    },
    // Fewer than seven digits: the value itself is below 10^6, so it is parsed, 10^6 added, and the six digits sent
    // must read the same as that sum without its `1` (Format of a number never pads, so the comparison is on text).
    AuthorityParseShort: {
      Type: "Pass",
      Parameters: { "rest.$": `States.StringToJson(${args.permissionsPath})` },
      ResultPath: at,
      Next: "AuthorityCheckShort",
    },
    AuthorityCheckShort: {
      Type: "Choice",
      Choices: [
        { Not: { Variable: rest, IsNumeric: true }, Next: args.invalid },
        { Variable: rest, NumericGreaterThanEquals: LOW_OFFSET, Next: args.invalid },
      ],
      Default: "AuthorityOffsetShort",
    },
    AuthorityOffsetShort: {
      Type: "Pass",
      Parameters: { "rest.$": `States.MathAdd(${rest}, ${LOW_OFFSET})` },
      ResultPath: at,
      Next: "AuthorityFormatShort",
    },
    AuthorityFormatShort: {
      Type: "Pass",
      Parameters: { "rest.$": rest, "text.$": `States.Format('{}', ${rest})`, "sent.$": lowText },
      ResultPath: at,
      Next: "AuthorityCheckShortDigits",
    },
    AuthorityCheckShortDigits: {
      Type: "Choice",
      Choices: [{ Variable: `${at}.text`, StringEqualsPath: `${at}.sent`, Next: bitState(HIGHEST_LOW_BIT) }],
      Default: args.invalid,
    },
    // Seven digits or more: the two parts joined must be the value, so both are digits; the low part must be six.
    AuthorityJoin: {
      Type: "Pass",
      Parameters: { "joined.$": `States.Format('{}{}', ${args.highPath}, ${args.low6Path})` },
      ResultPath: at,
      Next: "AuthorityCheckJoin",
    },
    AuthorityCheckJoin: {
      Type: "Choice",
      Choices: [
        { Variable: `${at}.joined`, StringEqualsPath: args.permissionsPath, Next: "AuthorityParseLow" },
      ],
      Default: args.invalid,
    },
    AuthorityParseLow: {
      Type: "Pass",
      Parameters: { "rest.$": `States.StringToJson(${lowText})` },
      ResultPath: at,
      Next: "AuthorityCheckLow",
    },
    AuthorityCheckLow: {
      Type: "Choice",
      Comment: "`1` and exactly six digits is 1,000,000 to 1,999,999; fewer or more digits fall outside.",
      Choices: [
        {
          Or: [
            { Variable: rest, NumericLessThan: LOW_OFFSET },
            { Variable: rest, NumericGreaterThanEquals: 2 * LOW_OFFSET },
          ],
          Next: args.invalid,
        },
      ],
      Default: bitState(HIGHEST_LOW_BIT),
    },
  };
  for (let bit = HIGHEST_LOW_BIT; bit > MANAGE_GUILD_BIT; bit -= 1) {
    const next = bit - 1 > MANAGE_GUILD_BIT ? bitState(bit - 1) : "AuthorityManageGuild";
    states[bitState(bit)] = {
      Type: "Choice",
      Choices: [{ Variable: rest, NumericGreaterThanEquals: 2 ** bit, Next: `AuthorityDrop${bit}` }],
      Default: next,
    };
    states[`AuthorityDrop${bit}`] = {
      Type: "Pass",
      Parameters: { "rest.$": `States.MathAdd(${rest}, -${2 ** bit})` },
      ResultPath: at,
      Next: next,
    };
  }
  // Below 64 now: bit 5 is "≥ 32"; without it, bit 4 is taken off and bit 3 is "≥ 8".
  states.AuthorityManageGuild = {
    Type: "Choice",
    Choices: [
      { Variable: rest, NumericGreaterThanEquals: 2 ** MANAGE_GUILD_BIT, Next: args.allowed },
      { Variable: rest, NumericGreaterThanEquals: 2 ** (ADMINISTRATOR_BIT + 1), Next: "AuthorityDrop4" },
    ],
    Default: "AuthorityAdministrator",
  };
  states.AuthorityDrop4 = {
    Type: "Pass",
    Parameters: { "rest.$": `States.MathAdd(${rest}, -${2 ** (ADMINISTRATOR_BIT + 1)})` },
    ResultPath: at,
    Next: "AuthorityAdministrator",
  };
  states.AuthorityAdministrator = {
    Type: "Choice",
    Choices: [{ Variable: rest, NumericGreaterThanEquals: 2 ** ADMINISTRATOR_BIT, Next: args.allowed }],
    Default: args.notAllowed,
  };
  return states;
}

function bitState(bit: number): string {
  return `AuthorityBit${bit}`;
}
