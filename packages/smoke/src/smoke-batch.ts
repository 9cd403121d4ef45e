import { randomUUID } from "node:crypto";
import { createVoiceEventBatch, type VoiceEventBatch } from "@stepcord/events";

/**
 * The only free text a message can carry is a leave's session text (at most 40 characters), so the smoke check's
 * event is a leave whose "session" says what it is: the channel reads "<@…> left <#…> after stepcord deploy check -
 * safe to ignore".
 */
export const SMOKE_NOTE = "stepcord deploy check - safe to ignore";

/**
 * Ids no member or channel has (Discord's snowflakes start in 2015, so all zeros is no one): the embed's mentions
 * render as an unknown user and channel, and could not ping anyone even if they were real (mentions in embeds never
 * notify, and the workflow sets `allowed_mentions.parse: []`).
 */
export const SMOKE_IDS = {
  guild: "000000000000000000",
  channel: "000000000000000000",
  user: "000000000000000000",
};

export interface SmokeBatchOptions {
  /** @default a random UUID */
  batchId?: string;
  /** @default a random UUID */
  eventId?: string;
  now: Date;
}

/**
 * The smoke check's batch: one `leave` event with the note as its session text, `quiet` so the workflow posts it
 * with SUPPRESS_NOTIFICATIONS (no push, no sound). Built with @stepcord/events, so it is a valid batch by the same
 * schema the bot uses.
 */
export function smokeBatch(options: SmokeBatchOptions): VoiceEventBatch {
  return createVoiceEventBatch({
    batchId: options.batchId ?? randomUUID(),
    quiet: true,
    events: [
      {
        type: "leave",
        id: options.eventId ?? randomUUID(),
        occurredAt: options.now.toISOString(),
        guild: { id: SMOKE_IDS.guild, name: "stepcord deploy check" },
        channel: { id: SMOKE_IDS.channel, name: "deploy-check" },
        user: { id: SMOKE_IDS.user, displayName: "stepcord deploy check", isGuest: false },
        membersInChannel: 0,
        session: { seconds: 0, text: SMOKE_NOTE },
      },
    ],
  });
}
