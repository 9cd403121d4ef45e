/**
 * INTERACTION_CREATE payloads shaped like Discord's own sample ("Slash Command Interaction",
 * developers/interactions/application-commands.mdx, "Example Interaction"): the same member, guild, channel and
 * permissions "2147483647". The sample predates `application_id`, which receiving-and-responding.mdx's "Interaction
 * Structure" lists as always present, so it is added.
 */
export const SAMPLE = {
  id: "786008729715212338",
  application_id: "775799577604522054",
  token: "A_UNIQUE_TOKEN",
  guild_id: "290926798626357999",
  channel_id: "645027906669510667",
  locale: "en-US",
  guild_locale: "en-US",
  app_permissions: "442368",
  member: {
    user: { id: "53908232506183680", username: "Mason", discriminator: "1337" },
    roles: ["539082325061836999"],
    permissions: "2147483647",
  },
} as const;

export interface Opt {
  type: number;
  name: string;
  value?: string | number;
  focused?: boolean;
}

/** `/stepcord <sub> [options]` as a type 2 interaction, or type 4 when `type` says so. */
export function stepcord(sub: string, options: Opt[] = [], extra: Record<string, unknown> = {}, type = 2) {
  return {
    ...SAMPLE,
    type,
    data: {
      id: "771825006014889984",
      name: "stepcord",
      type: 1,
      options: [{ type: 1, name: sub, ...(options.length > 0 ? { options } : {}) }],
      ...extra,
    },
  };
}

export const str = (name: string, value: string, focused?: boolean): Opt => ({
  type: 3,
  name,
  value,
  ...(focused ? { focused } : {}),
});
