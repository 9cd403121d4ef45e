import type { SavedVoiceMember } from "../../src/voice/voice-tracker.js";

/**
 * A member sitting in a voice channel with every flag off (not streaming, no video, not suppressed, not muted or
 * deafened by the server), as the tracker saves them; `extra` adds `joinedAt` or `name`.
 */
export function savedMember(
  userId: string,
  channelId: string,
  extra: Omit<SavedVoiceMember, "state"> = {},
): SavedVoiceMember {
  return {
    state: {
      userId,
      channelId,
      streaming: false,
      video: false,
      suppress: false,
      serverMute: false,
      serverDeaf: false,
    },
    ...extra,
  };
}
