import type { FakeGuild } from "@stepcord/fake-discord/gateway";

export const GUILD_ID = "100000000000000001";
export const LOUNGE = "200000000000000001";
export const GAMES = "200000000000000002";
export const AFK = "200000000000000003";
export const ANA = "300000000000000001";
export const BEN = "300000000000000002";
export const CAL = "300000000000000003";
export const DEE = "300000000000000004";
export const ROBOT = "300000000000000009";

export function botTestGuild(): FakeGuild {
  return {
    id: GUILD_ID,
    name: "Stepcord Test",
    afk_channel_id: AFK,
    channels: [
      { id: LOUNGE, name: "Lounge", type: 2 },
      { id: GAMES, name: "Games", type: 2 },
      { id: AFK, name: "AFK", type: 2 },
    ],
    members: [
      { user: { id: ANA, username: "ana" } },
      { user: { id: BEN, username: "ben" } },
      { user: { id: CAL, username: "cal" } },
      { user: { id: DEE, username: "dee" } },
      { user: { id: ROBOT, username: "robot", bot: true } },
    ],
    voice_states: [{ user_id: ANA, channel_id: LOUNGE }],
  };
}

/**
 * Polls until `check` holds. It gives up after `withinMs` with an error (a polling loop that outlived
 * mocha's timeout would keep the process alive after the run, and CI would wait for it forever).
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  withinMs = 15_000,
  what = check.toString(),
): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${withinMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
