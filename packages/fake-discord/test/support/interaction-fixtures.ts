import type { FakeGuild } from "../../src/gateway/index.js";

export const GUILD_ID = "100";
export const TEXT_CHANNEL = "200";
export const VOICE_CHANNEL = "201";
export const STAGE_CHANNEL = "203";
export const ADMIN = { user: { id: "300", username: "ana" } };
/** permissions.mdx: MANAGE_GUILD `1 << 5`. */
export const MANAGE_GUILD = String(1 << 5);

export function guild(): FakeGuild {
  return {
    id: GUILD_ID,
    name: "Fake Guild",
    channels: [
      { id: TEXT_CHANNEL, name: "general", type: 0 },
      { id: VOICE_CHANNEL, name: "Lounge", type: 2 },
      { id: STAGE_CHANNEL, name: "Stage", type: 13 },
    ],
    members: [ADMIN],
    voice_states: [],
  };
}

/** A slash command shaped like stepcord's, small enough to read in a test. */
export function command(overrides: Record<string, unknown> = {}) {
  return {
    type: 1,
    name: "stepcord",
    description: "Tune stepcord",
    name_localizations: { "en-US": "stepcord", ja: "stepcord" },
    description_localizations: { "en-US": "Tune stepcord", ja: "stepcord を設定します" },
    default_member_permissions: MANAGE_GUILD,
    contexts: [0],
    integration_types: [0],
    options: [
      { type: 1, name: "status", description: "Show the rules" },
      {
        type: 1,
        name: "pause",
        description: "Pause",
        options: [{ type: 3, name: "duration", description: "How long", required: false, max_length: 16 }],
      },
      {
        type: 1,
        name: "ignore",
        description: "Ignore a channel",
        options: [
          { type: 7, name: "channel", description: "Voice channel", required: true, channel_types: [2, 13] },
        ],
      },
      {
        type: 1,
        name: "min-members",
        description: "Threshold",
        options: [
          { type: 4, name: "count", description: "Members", required: true, min_value: 0, max_value: 99 },
        ],
      },
    ],
    ...overrides,
  };
}

/** A clock a test moves by hand. */
export function manualClock(start = Date.UTC(2026, 11, 7, 8, 0, 0)) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}
