import { EVENT_KINDS, type EventKind } from "../../servers/server-rules.js";

/**
 * The words an admin may type in `/stepcord events`, and the per-server rule's event kind (issue 14's
 * `ServerRules.events`) each one means. Besides the kinds' own names, the words the issue uses: `stage` for a stage
 * speaker, `mute` and `deafen` for a server mute or deafen. Matched lowercased.
 */
export const EVENT_KIND_WORDS: Readonly<Record<string, EventKind>> = {
  ...Object.fromEntries(EVENT_KINDS.map((kind) => [kind.toLowerCase(), kind])),
  stage: "speaker",
  mute: "serverMute",
  deaf: "serverDeaf",
  deafen: "serverDeaf",
};

/** The words an answer lists as allowed. */
export const EVENT_KIND_HELP_WORDS = [
  "join",
  "leave",
  "move",
  "stream",
  "video",
  "stage",
  "mute",
  "deafen",
] as const;

/** The word that turns every kind on at once. */
export const ALL_EVENT_KINDS_WORD = "all";
