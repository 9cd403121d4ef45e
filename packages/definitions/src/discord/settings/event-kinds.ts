import type { VoiceEventType } from "@stepcord/events";

/**
 * The words an admin uses in `/stepcord events`, and the voice event types each one turns on. A word names a pair
 * (start and stop) because nobody wants to hear that a stream began but not that it ended.
 */
export const EVENT_KIND_TYPES = {
  join: ["join"],
  leave: ["leave"],
  move: ["move"],
  stream: ["stream_start", "stream_stop"],
  video: ["video_start", "video_stop"],
  stage: ["speaker_start", "speaker_stop"],
  mute: ["server_mute", "server_unmute"],
  deafen: ["server_deafen", "server_undeafen"],
} as const satisfies Record<string, readonly VoiceEventType[]>;

export type EventKind = keyof typeof EVENT_KIND_TYPES;
export const EVENT_KINDS = Object.keys(EVENT_KIND_TYPES) as EventKind[];

/** The word that turns every kind on at once. */
export const ALL_EVENT_KINDS_WORD = "all";
