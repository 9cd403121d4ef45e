/**
 * Discord permission bits (discord/discord-api-docs, developers/topics/permissions.mdx, "Bitwise Permission Flags").
 * Permissions are "a variable-length integer serialized into a string" (same page), so they are bigints here: bits
 * above 2^53 exist (e.g. 1 << 50) and a Number would lose them.
 */
export const Permission = {
  ADMINISTRATOR: 1n << 3n,
  MANAGE_GUILD: 1n << 5n,
} as const;

/** The bit set a command that only server managers may see carries, as Discord wants it: a decimal string. */
export const MANAGE_GUILD_PERMISSION = Permission.MANAGE_GUILD.toString();

/**
 * Whether a member's `permissions` (the interaction's `member.permissions`, receiving-and-responding.mdx, "Interaction
 * Structure": "Guild member data for the invoking user, including permissions") lets them change stepcord's settings:
 * MANAGE_GUILD, or ADMINISTRATOR, which "Allows all permissions" (permissions.mdx). Anything that is not a decimal
 * bit set answers false: an unreadable permission never grants.
 */
export function canManageGuild(permissions: unknown): boolean {
  if (typeof permissions !== "string" || !/^[0-9]{1,40}$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & Permission.ADMINISTRATOR) !== 0n || (bits & Permission.MANAGE_GUILD) !== 0n;
}
