/** The bounds `/stepcord` enforces, shared by the command definition (Discord checks them in the client) and the parser. */

/** `/stepcord pause` at most this long; a longer silence is `pause` without a duration, ended by `resume`. */
export const MAX_PAUSE_MS = 7 * 24 * 60 * 60 * 1000;
export const MIN_PAUSE_MS = 60 * 1000;
/** `min-members` 0 means no threshold, as the bot's MIN_MEMBERS does; 99 is a voice channel's largest user limit. */
export const MIN_MEMBERS_RANGE = { min: 0, max: 99 } as const;
/** Longest duration text worth reading ("1d12h30m" is 8); Discord stops longer input in the client. */
export const DURATION_MAX_LENGTH = 16;
/** "HH:MM" is 5. */
export const CLOCK_TIME_MAX_LENGTH = 5;
/** The longest IANA zone name is 32 characters ("America/Argentina/ComodRivadavia"); 64 leaves room. */
export const TIME_ZONE_MAX_LENGTH = 64;
/** "join leave move stream video stage mute deafen" is 46; 100 fits every word twice with commas. */
export const EVENT_KINDS_MAX_LENGTH = 100;
