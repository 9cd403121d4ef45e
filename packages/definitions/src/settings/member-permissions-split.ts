/**
 * How many of a permission value's last decimal digits the settings workflow reads its bits from: 10^6 is a multiple
 * of 2^6, so bits 0-5 (MANAGE_GUILD is 5, ADMINISTRATOR 3) of the value are those of its last six digits.
 */
export const PERMISSIONS_LOW_DIGITS = 6;

/** `memberPermissions` cut where the workflow needs it: JSONPath has no substring function (decision 0019). */
export interface MemberPermissionsSplit {
  /** The last six digits, left-padded with zeros: "2251799813685247" → "685247", "32" → "000032". */
  memberPermissionsLow6: string;
  /** The digits before them, "" when there are none: "2251799813685247" → "2251799813", "32" → "". */
  memberPermissionsHigh: string;
}

/** Splits Discord's decimal permission bitfield into the parts the settings workflow checks and reads. */
export function memberPermissionsSplit(memberPermissions: string): MemberPermissionsSplit {
  if (!/^\d+$/.test(memberPermissions)) {
    throw new TypeError(
      `Invalid memberPermissions ${JSON.stringify(memberPermissions)}. Must be Discord's decimal permission ` +
        'bitfield (member.permissions), e.g. "2251799813685247".',
    );
  }
  const cut = Math.max(memberPermissions.length - PERMISSIONS_LOW_DIGITS, 0);
  return {
    memberPermissionsLow6: memberPermissions.slice(cut).padStart(PERMISSIONS_LOW_DIGITS, "0"),
    memberPermissionsHigh: memberPermissions.slice(0, cut),
  };
}
