import { randomUUID } from "node:crypto";
import { createVoiceEventBatch, type VoiceEventBatch } from "@stepcord/events";
import { FIXTURE_GUILD, joinEvent } from "@stepcord/events/fixtures";

/** The fixture join with an id of its own, as every event the tracker makes has (the outbox tells events apart by id). */
export function freshJoin(guildId: string = FIXTURE_GUILD.id): typeof joinEvent {
  return { ...joinEvent, id: randomUUID(), guild: { ...joinEvent.guild, id: guildId } };
}

/** A batch of `n` fresh joins in one guild. */
export function freshBatch(n = 1, guildId: string = FIXTURE_GUILD.id, quiet = false): VoiceEventBatch {
  return createVoiceEventBatch({ events: Array.from({ length: n }, () => freshJoin(guildId)), quiet });
}
