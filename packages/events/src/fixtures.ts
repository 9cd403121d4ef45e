import { parseVoiceEventBatch } from "./parse.js";
import type { VoiceEventBatch, VoiceEventInput } from "./voice-event.js";

/**
 * Sample documents shared by the workflow's golden tests, the bot's tests and the local demo.
 * Ids and times are fixed so golden files stay byte-stable.
 */
export const FIXTURE_GUILD = { id: "100000000000000001", name: "Night Owls" } as const;
export const FIXTURE_CHANNELS = {
  lounge: { id: "200000000000000001", name: "Lounge" },
  gaming: { id: "200000000000000002", name: "Gaming" },
  stage: { id: "200000000000000003", name: "Town Hall" },
} as const;
export const FIXTURE_USERS = {
  ada: { id: "300000000000000001", displayName: "Ada", isGuest: false },
  /** A display name full of markdown, already escaped the way discord.js `escapeMarkdown` does it. */
  mallory: { id: "300000000000000002", displayName: "\\*\\*mal\\_lory\\*\\* @everyone", isGuest: false },
  grace: { id: "300000000000000003", displayName: "Grace", isGuest: true },
} as const;

/** The fields a fixture names itself; `Omit` distributed over the union so each event kind keeps its own fields. */
type FixtureFields = VoiceEventInput extends infer E
  ? E extends unknown
    ? Omit<E, "id" | "occurredAt" | "guild">
    : never
  : never;

function fixtureEvent(n: number, fields: FixtureFields): VoiceEventInput {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    occurredAt: `2026-11-21T20:${String(n % 60).padStart(2, "0")}:00.000Z`,
    guild: FIXTURE_GUILD,
    ...fields,
  } as VoiceEventInput;
}

function fixtureBatch(n: number, quiet: boolean, events: VoiceEventInput[]): VoiceEventBatch {
  return parseVoiceEventBatch({
    version: 1,
    batchId: `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    quiet,
    events,
  });
}

export const joinEvent = fixtureEvent(1, {
  type: "join",
  channel: FIXTURE_CHANNELS.lounge,
  user: FIXTURE_USERS.ada,
  membersInChannel: 1,
});
export const leaveEvent = fixtureEvent(2, {
  type: "leave",
  channel: FIXTURE_CHANNELS.lounge,
  user: FIXTURE_USERS.ada,
  membersInChannel: 0,
  session: { seconds: 3905, text: "1h 05m" },
});
export const moveEvent = fixtureEvent(3, {
  type: "move",
  channel: FIXTURE_CHANNELS.gaming,
  fromChannel: FIXTURE_CHANNELS.lounge,
  user: FIXTURE_USERS.mallory,
  membersInChannel: 2,
});
export const streamStartEvent = fixtureEvent(4, {
  type: "stream_start",
  channel: FIXTURE_CHANNELS.gaming,
  user: FIXTURE_USERS.mallory,
  membersInChannel: 2,
});
export const guestJoinEvent = fixtureEvent(5, {
  type: "join",
  channel: FIXTURE_CHANNELS.stage,
  user: FIXTURE_USERS.grace,
  membersInChannel: 3,
});
export const leaveWithoutSessionEvent = fixtureEvent(6, {
  type: "leave",
  channel: FIXTURE_CHANNELS.stage,
  user: FIXTURE_USERS.grace,
  membersInChannel: 2,
});

/** Named batches: one per message shape the workflow must render. */
export const fixtureBatches = {
  join: fixtureBatch(1, false, [joinEvent]),
  leave: fixtureBatch(2, false, [leaveEvent]),
  move: fixtureBatch(3, false, [moveEvent]),
  batch: fixtureBatch(4, false, [
    joinEvent,
    moveEvent,
    streamStartEvent,
    guestJoinEvent,
    leaveWithoutSessionEvent,
  ]),
  quiet: fixtureBatch(5, true, [leaveEvent]),
} as const satisfies Record<string, VoiceEventBatch>;
export type FixtureBatchName = keyof typeof fixtureBatches;
