import type { FakeGuild } from "@stepcord/fake-discord/gateway";

/**
 * The scripted evening `pnpm demo` replays: pure data, so the demo, its tests and the README describe the same
 * thing. Times are UTC on a fixed Saturday so quiet hours (23-7 UTC) and session lengths come out the same on
 * every machine.
 */

export const DEMO_DATE = "2026-11-21";
export const DEMO_QUIET_HOURS = "23-7";

export const DEMO_GUILD_ID = "110000000000000001";
export const DEMO_CHANNELS = {
  lounge: { id: "210000000000000001", name: "Lounge" },
  games: { id: "210000000000000002", name: "Games" },
  afk: { id: "210000000000000003", name: "AFK" },
} as const;

/**
 * The second server (issue 14): its notices go to its own channel, and Workshop's into a thread of that channel, so
 * the printed channels show each server's messages apart.
 */
export const ROOKERY_GUILD_ID = "120000000000000001";
export const ROOKERY_CHANNELS = {
  studio: { id: "220000000000000001", name: "Studio" },
  workshop: { id: "220000000000000002", name: "Workshop" },
} as const;
/** A thread of the Rookery's text channel, where Workshop's notices go (a voice channel override). */
export const ROOKERY_THREAD = { id: "1420000000000000001", name: "workshop-log" } as const;

/** The text channels the demo's webhooks post into, one per server, as Discord names them. */
export const DEMO_TEXT_CHANNELS = {
  nightOwls: { id: "1510000000000000001", name: "voice-log", webhookId: "1500000000000000001" },
  rookery: { id: "1520000000000000001", name: "rookery-log", webhookId: "1500000000000000002" },
} as const;

export interface DemoPerson {
  id: string;
  name: string;
  bot?: boolean;
}

const person = (n: number, name: string, bot = false): DemoPerson => ({
  id: `31${String(n).padStart(16, "0")}`,
  name,
  ...(bot ? { bot } : {}),
});

export const ANA = person(1, "Ana");
export const BEN = person(2, "Ben");
export const CAL = person(3, "Cal");
export const DEE = person(4, "Dee");
export const EVE = person(5, "Eve");
export const JUKEBOX = person(9, "Jukebox", true);
// biome-ignore format: a roster reads better in rows
const RAID_NAMES = [
  "Ari", "Bo", "Cy", "Dax", "Emi", "Fen", "Gus", "Hal", "Ida", "Jo", "Kai", "Lu", "Mo",
  "Nia", "Oz", "Pia", "Quin", "Rae", "Sol", "Tam", "Uma", "Vik", "Wen", "Xia", "Yul",
];
export const RAIDERS: readonly DemoPerson[] = RAID_NAMES.map((name, i) => person(100 + i, name));
export const FAY = person(11, "Fay");
export const GIL = person(12, "Gil");
export const ROOKERY_PEOPLE: readonly DemoPerson[] = [FAY, GIL];

export const DEMO_PEOPLE: readonly DemoPerson[] = [ANA, BEN, CAL, DEE, EVE, JUKEBOX, ...RAIDERS];

/** Who is already in voice when the bot connects: it must not announce them as joins. */
export const ALREADY_IN_VOICE: ReadonlyArray<{ user: DemoPerson; channelId: string }> = [
  { user: EVE, channelId: DEMO_CHANNELS.lounge.id },
];

export interface VoiceChange {
  user: DemoPerson;
  /** The channel the member is in afterwards; null when they left voice. */
  channelId: string | null;
}

/** MANAGE_GUILD (permissions.mdx, 1 << 5), as Discord sends `member.permissions`: a decimal string. */
export const MANAGE_SERVER = "32";

/** A member's `/stepcord <subcommand> …`, typed into Discord and dispatched by the fake gateway. */
export interface DemoCommand {
  by: DemoPerson;
  /** The member's `member.permissions`. */
  permissions: string;
  subcommand: string;
  /** The string options as the member filled them in, in the command's order. */
  options: ReadonlyArray<{ name: string; value: string }>;
}

/** How a scene's messages reach the channel: notifying, silently (SUPPRESS_NOTIFICATIONS), or not at all. */
export type Notices = "notify" | "silent" | "none";

export interface Scene {
  /** HH:MM, UTC, on {@link DEMO_DATE}. */
  at: string;
  /** The server it happens in. @default DEMO_GUILD_ID */
  guildId?: string;
  says: string;
  changes: VoiceChange[];
  /** A slash command instead of voice activity; the bot's ephemeral answer is printed. */
  command?: DemoCommand;
  /**
   * What an admin's `/stepcord` settings make of the scene's messages. @default "silent" inside the stack's quiet
   * hours ({@link DEMO_QUIET_HOURS} UTC), else "notify"
   */
  notices?: Notices;
  /** Discord answers the workflow's next post with 429 and retry_after, as its rate limiter does. */
  discordRateLimitsNextPost?: boolean;
}

/** What the channel should show for a scene. */
export const noticesOf = (scene: Scene): Notices =>
  scene.notices ?? (isQuietAt(scene.at) ? "silent" : "notify");

/** How the member typed it, for the transcript: `/stepcord quiet 23 7 Asia/Tokyo`. */
export const commandLine = (c: DemoCommand): string =>
  ["/stepcord", c.subcommand, ...c.options.map((o) => o.value)].join(" ");

const everyone = (people: readonly DemoPerson[], channelId: string | null): VoiceChange[] =>
  people.map((user) => ({ user, channelId }));

export const EVENING: readonly Scene[] = [
  {
    at: "19:02",
    says: "Ana and Ben drop into Lounge (Eve has been there since before the bot started: no false join)",
    changes: everyone([ANA, BEN], DEMO_CHANNELS.lounge.id),
  },
  {
    at: "19:20",
    says: 'Cal joins Lounge; the Jukebox music bot joins too (not announced, but counted in "N in the channel now")',
    changes: everyone([CAL, JUKEBOX], DEMO_CHANNELS.lounge.id),
  },
  {
    at: "19:45",
    says: "Ben moves to Games",
    changes: everyone([BEN], DEMO_CHANNELS.games.id),
  },
  {
    at: "20:00",
    says: "Raid night: 25 people join Games at once, and Discord rate-limits the first post (429)",
    changes: everyone(RAIDERS, DEMO_CHANNELS.games.id),
    discordRateLimitsNextPost: true,
  },
  {
    at: "20:20",
    guildId: ROOKERY_GUILD_ID,
    says: "Meanwhile in a second server, The Rookery: Fay, its admin, lives in Tokyo (05:20 there) and sets quiet hours",
    changes: [],
    command: {
      by: FAY,
      permissions: MANAGE_SERVER,
      subcommand: "quiet",
      options: [
        { name: "from", value: "23" },
        { name: "to", value: "7" },
        { name: "timezone", value: "Asia/Tokyo" },
      ],
    },
  },
  {
    at: "20:30",
    guildId: ROOKERY_GUILD_ID,
    says: "The Rookery: Fay and Gil join Studio (its own channel; silent, 05:30 in Tokyo is in Fay's quiet hours)",
    changes: everyone([FAY, GIL], ROOKERY_CHANNELS.studio.id),
    notices: "silent",
  },
  {
    at: "21:10",
    guildId: ROOKERY_GUILD_ID,
    says: "The Rookery: Gil moves to Workshop, whose notices go to a thread (workshop-log); silent too",
    changes: everyone([GIL], ROOKERY_CHANNELS.workshop.id),
    notices: "silent",
  },
  {
    at: "21:20",
    guildId: ROOKERY_GUILD_ID,
    says: "The Rookery: Fay pauses the notices for half an hour",
    changes: [],
    command: {
      by: FAY,
      permissions: MANAGE_SERVER,
      subcommand: "pause",
      options: [{ name: "duration", value: "30m" }],
    },
  },
  {
    at: "21:30",
    guildId: ROOKERY_GUILD_ID,
    says: "The Rookery: Gil leaves Workshop while paused: nothing is posted",
    changes: everyone([GIL], null),
    notices: "none",
  },
  {
    at: "22:00",
    guildId: ROOKERY_GUILD_ID,
    says: "The Rookery: the pause is over and so are Tokyo's quiet hours (07:00): Gil's join notifies again",
    changes: everyone([GIL], ROOKERY_CHANNELS.studio.id),
  },
  {
    at: "22:15",
    says: "The raid is over: the 25 leave, each with their session length",
    changes: everyone(RAIDERS, null),
  },
  {
    at: "23:30",
    says: "Quiet hours (23-7 UTC): Dee joins Lounge, posted without a notification",
    changes: everyone([DEE], DEMO_CHANNELS.lounge.id),
  },
  {
    at: "23:50",
    says: "Good night: Ana, Cal and Eve leave Lounge",
    changes: everyone([ANA, CAL, EVE], null),
  },
];

export type ExpectedKind = "join" | "leave" | "move";

export interface ExpectedEvent {
  guildId: string;
  kind: ExpectedKind;
  user: DemoPerson;
  channelId: string;
  fromChannelId?: string;
}

/**
 * What a correct pipeline reports for a scene, given who was where before it: joins, leaves and moves of people
 * (bots are not announced), in the order they happened. Updates `where` as the scene plays.
 */
export function expectedEvents(scene: Scene, where: Map<string, string>): ExpectedEvent[] {
  const events: ExpectedEvent[] = [];
  const guildId = scene.guildId ?? DEMO_GUILD_ID;
  for (const { user, channelId } of scene.changes) {
    const before = where.get(user.id);
    if (channelId === null) where.delete(user.id);
    else where.set(user.id, channelId);
    if (user.bot || before === channelId) continue;
    if (before === undefined && channelId !== null) events.push({ guildId, kind: "join", user, channelId });
    else if (before !== undefined && channelId === null)
      events.push({ guildId, kind: "leave", user, channelId: before });
    else if (before !== undefined && channelId !== null)
      events.push({ guildId, kind: "move", user, channelId, fromChannelId: before });
  }
  return events;
}

/** The description the notifier's ASL writes for an event (see EVENT_PHRASES in @stepcord/definitions). */
export function expectedDescriptionStart(event: ExpectedEvent): string {
  const who = `<@${event.user.id}>`;
  if (event.kind === "join") return `${who} joined <#${event.channelId}>`;
  if (event.kind === "leave") return `${who} left <#${event.channelId}>`;
  return `${who} moved from <#${event.fromChannelId}> to <#${event.channelId}>`;
}

/** Whether a scene's HH:MM falls in quiet hours "START-END" (UTC, END exclusive, wrapping midnight). */
export function isQuietAt(at: string, quietHours: string = DEMO_QUIET_HOURS): boolean {
  const [start = 0, end = 0] = quietHours.split("-").map(Number);
  const hour = Number(at.split(":")[0]);
  return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}

/** Epoch milliseconds of a scene's HH:MM on the demo date. */
export function sceneTime(at: string): number {
  return Date.parse(`${DEMO_DATE}T${at}:00.000Z`);
}

/** The demo guild as the fake gateway announces it in GUILD_CREATE. */
export function demoGuild(): FakeGuild {
  return {
    id: DEMO_GUILD_ID,
    name: "Stepcord Demo",
    afk_channel_id: DEMO_CHANNELS.afk.id,
    channels: Object.values(DEMO_CHANNELS).map((c) => ({ id: c.id, name: c.name, type: 2 })),
    members: DEMO_PEOPLE.map((p) => ({
      user: {
        id: p.id,
        username: p.name.toLowerCase(),
        global_name: p.name,
        ...(p.bot ? { bot: true } : {}),
      },
    })),
    voice_states: ALREADY_IN_VOICE.map((s) => ({ user_id: s.user.id, channel_id: s.channelId })),
  };
}

/** The second server as the fake gateway announces it: nobody in voice yet. */
export function rookeryGuild(): FakeGuild {
  return {
    id: ROOKERY_GUILD_ID,
    name: "The Rookery",
    channels: Object.values(ROOKERY_CHANNELS).map((c) => ({ id: c.id, name: c.name, type: 2 })),
    members: ROOKERY_PEOPLE.map((p) => ({
      user: { id: p.id, username: p.name.toLowerCase(), global_name: p.name },
    })),
    voice_states: [],
  };
}

/** Names for rendering `<@id>` and `<#id>` in the printed channels. */
export function demoNames(): { userNames: Record<string, string>; channelNames: Record<string, string> } {
  return {
    userNames: Object.fromEntries([...DEMO_PEOPLE, ...ROOKERY_PEOPLE].map((p) => [p.id, p.name])),
    channelNames: Object.fromEntries(
      [...Object.values(DEMO_CHANNELS), ...Object.values(ROOKERY_CHANNELS)].map((c) => [c.id, c.name]),
    ),
  };
}
