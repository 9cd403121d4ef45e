/** A guild member as Discord sends it in GUILD_CREATE `members` and VOICE_STATE_UPDATE `member`. */
export interface RawMember {
  user?: { id: string; username: string; global_name?: string | null; bot?: boolean };
  nick?: string | null;
  /** `null` for a guest (discord-api-docs, developers/resources/guild.mdx, "Guild Member Structure"). */
  joined_at?: string | null;
  /** Guild member flags; IS_GUEST is `1 << 4` (guild.mdx, "Guild Member Flags"). */
  flags?: number;
}

/** guild.mdx, "Guild Member Flags": IS_GUEST, "Member is a guest and can only access the voice channel". */
export const GUILD_MEMBER_FLAG_IS_GUEST = 1 << 4;

/**
 * Whether Discord sent this member as a guest: the IS_GUEST flag, or `joined_at: null` ("Member objects retrieved
 * from VOICE_STATE_UPDATE events will have joined_at set as null if the member was invited as a guest", guild.mdx).
 */
export function isGuestMember(member: RawMember): boolean {
  return ((member.flags ?? 0) & GUILD_MEMBER_FLAG_IS_GUEST) !== 0 || member.joined_at === null;
}

/** What an event needs to say about a member. */
export interface MemberName {
  /** Nickname, else global name, else username: what Discord shows in the guild. */
  displayName: string;
  bot: boolean;
  /** A guest invited to one voice channel; absent in snapshots saved before guests were told apart. */
  guest?: boolean;
}

/**
 * Who is in voice, by guild and user id: display name and bot flag, from the member data Discord sends with
 * GUILD_CREATE and every VOICE_STATE_UPDATE. The bot keeps this instead of discord.js's GuildMember and User caches
 * (kept at 0): two fields per member in voice rather than two objects per member ever seen. Entries are forgotten
 * when the member leaves voice; a member Discord sent no data for is unknown here, which the tracker reports as a
 * guest.
 */
export class MemberDirectory {
  private readonly guilds = new Map<string, Map<string, MemberName>>();

  /** Records or refreshes a member (a VOICE_STATE_UPDATE carries the current nickname). */
  note(guildId: string, member: RawMember): void {
    const user = member.user;
    if (!user) return;
    this.set(guildId, user.id, {
      displayName: member.nick ?? user.global_name ?? user.username,
      bot: user.bot === true,
      ...(isGuestMember(member) ? { guest: true } : {}),
    });
  }

  /** Puts back a name saved before a restart (the voice snapshot); a fresher one from Discord replaces it. */
  restore(guildId: string, userId: string, name: MemberName): void {
    this.set(guildId, userId, {
      displayName: name.displayName,
      bot: name.bot,
      ...(name.guest === true ? { guest: true } : {}),
    });
  }

  private set(guildId: string, userId: string, name: MemberName): void {
    let names = this.guilds.get(guildId);
    if (!names) {
      names = new Map();
      this.guilds.set(guildId, names);
    }
    names.set(userId, name);
  }

  get(guildId: string, userId: string): MemberName | undefined {
    return this.guilds.get(guildId)?.get(userId);
  }

  forget(guildId: string, userId: string): void {
    this.guilds.get(guildId)?.delete(userId);
  }

  /** Keeps only these members of a guild (after a GUILD_CREATE has been diffed against what the bot knew). */
  retain(guildId: string, userIds: ReadonlySet<string>): void {
    const names = this.guilds.get(guildId);
    if (!names) return;
    for (const userId of names.keys()) if (!userIds.has(userId)) names.delete(userId);
  }

  forgetGuild(guildId: string): void {
    this.guilds.delete(guildId);
  }

  /** Members known across all guilds. */
  get size(): number {
    let n = 0;
    for (const names of this.guilds.values()) n += names.size;
    return n;
  }
}
