/**
 * Interaction responses (discord/discord-api-docs, developers/interactions/receiving-and-responding.mdx, "Interaction
 * Response Object"), as the body of POST /interactions/{id}/{token}/callback.
 */

/** "Interaction Callback Type". */
export const InteractionCallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  ApplicationCommandAutocompleteResult: 8,
} as const;

/** message.mdx, "Message Flags": EPHEMERAL `1 << 6`, "this message is only visible to the user who invoked the Interaction". */
export const EPHEMERAL_FLAG = 1 << 6;

/** message.mdx, "Allowed Mentions Object": an empty `parse` pings nobody, whatever the content says. */
export const NO_MENTIONS = { parse: [] as string[] } as const;

export interface EphemeralMessageResponse {
  type: typeof InteractionCallbackType.ChannelMessageWithSource;
  data: { content: string; flags: typeof EPHEMERAL_FLAG; allowed_mentions: typeof NO_MENTIONS };
}

export interface DeferredEphemeralResponse {
  type: typeof InteractionCallbackType.DeferredChannelMessageWithSource;
  data: { flags: typeof EPHEMERAL_FLAG };
}

export interface AutocompleteResponse {
  type: typeof InteractionCallbackType.ApplicationCommandAutocompleteResult;
  data: { choices: Array<{ name: string; value: string }> };
}

/** An answer only the admin who ran the command sees, mentioning nobody. */
export function ephemeralMessage(content: string): EphemeralMessageResponse {
  return {
    type: InteractionCallbackType.ChannelMessageWithSource,
    data: { content, flags: EPHEMERAL_FLAG, allowed_mentions: NO_MENTIONS },
  };
}

/**
 * "ACK an interaction and edit a response later": the first response when the answer may take longer than the 3 s
 * Discord allows ("Interaction Callback"). With a deferred response "the only valid message flag you may use is
 * EPHEMERAL", and the follow-up keeps it ("an existing message's ephemeral state cannot be changed").
 */
export function deferredEphemeral(): DeferredEphemeralResponse {
  return { type: InteractionCallbackType.DeferredChannelMessageWithSource, data: { flags: EPHEMERAL_FLAG } };
}

/** Choices for an autocomplete interaction; each name and value is a zone name, well within 1-100 characters. */
export function autocompleteResult(values: readonly string[]): AutocompleteResponse {
  return {
    type: InteractionCallbackType.ApplicationCommandAutocompleteResult,
    data: { choices: values.slice(0, 25).map((value) => ({ name: value, value })) },
  };
}
