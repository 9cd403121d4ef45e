import { Permission } from "../discord/permissions.js";
import type { AslState } from "./asl.js";

/**
 * The largest permission value the check reads exactly: JSON numbers are IEEE doubles in aws-local-stepfunctions
 * (and at best as precise on AWS), exact for every integer below 2^53. Discord's highest permission bit is 52,
 * BYPASS_SLOWMODE (discord/discord-api-docs developers/topics/permissions.mdx), so even an administrator's value (every
 * bit) fits; a larger value is refused, never guessed (decision 0019 says what a bit 53 would need).
 */
export const MAX_EXACT_PERMISSIONS = 2 ** 53;

/** The bits the check reads, lowest first: MANAGE_GUILD is bit 5, ADMINISTRATOR bit 3 (permissions.ts). */
const MANAGE_GUILD_BIT = Math.log2(Number(Permission.MANAGE_GUILD));
const ADMINISTRATOR_BIT = Math.log2(Number(Permission.ADMINISTRATOR));

export interface MemberAuthorityArgs {
  /** Where Discord's decimal permission string is, e.g. `$.memberPermissions`. */
  permissionsPath: string;
  /** Where the check keeps its working number (`{ rest }`). */
  resultPath: string;
  /** Next state when the member has MANAGE_GUILD or ADMINISTRATOR. */
  allowed: string;
  /** Next state when they have neither (or a value beyond `MAX_EXACT_PERMISSIONS`). */
  notAllowed: string;
  /** Next state when the string is not a plain decimal number. */
  invalid: string;
}

/** The state the check starts at. */
export const MEMBER_AUTHORITY_START = "AuthorityCheckText";

/**
 * States that decide, from the interaction's own `member.permissions`, whether the member may change settings:
 * MANAGE_GUILD (0x20) or ADMINISTRATOR (0x8), as `canManageGuild` decides it in TypeScript. JSONPath has no bitwise
 * or modulo operator, so the value is parsed (`States.StringToJson`) and every power of two from 2^52 down to 2^6 is
 * taken off when it fits (a Choice and a `States.MathAdd` each): what remains is the value modulo 64, whose bits 5
 * and 3 are then read by comparison. Loop-free, so the time budget stays provable; no boolean from the bot is read.
 */
export function memberAuthorityStates(args: MemberAuthorityArgs): Record<string, AslState> {
  const rest = `${args.resultPath}.rest`;
  const states: Record<string, AslState> = {
    [MEMBER_AUTHORITY_START]: {
      Type: "Choice",
      Comment:
        "Only digits may reach States.StringToJson: a sign, a fraction, an exponent or a leading zero is refused here.",
      Choices: [
        {
          Or: [
            { Variable: args.permissionsPath, StringEquals: "" },
            ...["*.*", "*e*", "*E*", "*-*", "*+*", "* *", '*"*', "*[*", "*{*"].map((pattern) => ({
              Variable: args.permissionsPath,
              StringMatches: pattern,
            })),
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
      Default: "AuthorityParse",
    },
    AuthorityParse: {
      Type: "Pass",
      Parameters: { "rest.$": `States.StringToJson(${args.permissionsPath})` },
      ResultPath: args.resultPath,
      Next: "AuthorityCheckNumber",
    },
    AuthorityCheckNumber: {
      Type: "Choice",
      Choices: [
        { Not: { Variable: rest, IsNumeric: true }, Next: args.invalid },
        { Variable: rest, NumericGreaterThanEquals: MAX_EXACT_PERMISSIONS, Next: args.notAllowed },
      ],
      Default: bitState(52),
    },
  };
  for (let bit = 52; bit > MANAGE_GUILD_BIT; bit -= 1) {
    const next = bit - 1 > MANAGE_GUILD_BIT ? bitState(bit - 1) : "AuthorityManageGuild";
    states[bitState(bit)] = {
      Type: "Choice",
      Choices: [{ Variable: rest, NumericGreaterThanEquals: 2 ** bit, Next: `AuthorityDrop${bit}` }],
      Default: next,
    };
    states[`AuthorityDrop${bit}`] = {
      Type: "Pass",
      Parameters: { "rest.$": `States.MathAdd(${rest}, -${2 ** bit})` },
      ResultPath: args.resultPath,
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
    ResultPath: args.resultPath,
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
