/**
 * What Discord checks in an interaction response and the messages of its webhook (discord/discord-api-docs,
 * developers/interactions/receiving-and-responding.mdx, "Interaction Response Object").
 */
import { DiscordApiError, invalidFormBody } from "../webhook/discord-error.js";
import { badLength, FormErrors, maxLength, notList } from "../webhook/form-errors.js";
import { IS_COMPONENTS_V2, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS } from "../webhook/message-limits.js";
import { validateWebhookMessage } from "../webhook/validate-message.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** message.mdx, "Message Flags". */
export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;
const IS_VOICE_MESSAGE = 1 << 13;
/** "Interaction Callback Data Structure": "only SUPPRESS_EMBEDS, EPHEMERAL, IS_COMPONENTS_V2, IS_VOICE_MESSAGE, and SUPPRESS_NOTIFICATIONS can be set". */
export const RESPONSE_FLAGS =
  SUPPRESS_EMBEDS | EPHEMERAL | IS_COMPONENTS_V2 | IS_VOICE_MESSAGE | SUPPRESS_NOTIFICATIONS;

/** "Interaction Callback Type". */
export const CallbackType = {
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

/** Which callback types each interaction type takes: 6 and 7 are "Only valid for component-based interactions". */
const ALLOWED_CALLBACKS: Record<number, readonly number[]> = {
  2: [
    CallbackType.ChannelMessageWithSource,
    CallbackType.DeferredChannelMessageWithSource,
    CallbackType.Modal,
  ],
  4: [CallbackType.AutocompleteResult],
};

export function flagsOf(data: Json): number {
  return typeof data.flags === "number" ? data.flags : 0;
}

/** The callback types an interaction type takes, or a 50035 naming them. */
export function checkCallbackType(interactionType: number, type: unknown): asserts type is number {
  const allowed = ALLOWED_CALLBACKS[interactionType] ?? [];
  if (typeof type !== "number" || !allowed.includes(type))
    throw invalidFormBody({
      type: {
        _errors: [
          {
            code: "INTERACTION_RESPONSE_TYPE_INVALID",
            message: `Interaction type ${interactionType} takes callback types ${allowed.join(", ")}.`,
          },
        ],
      },
    });
}

export function checkResponseData(type: number, data: Json): void {
  if (type === CallbackType.ChannelMessageWithSource)
    validateWebhookMessage(data, {
      mask: RESPONSE_FLAGS,
      error: () => ({
        code: "MESSAGE_FLAGS_INVALID",
        message:
          "Interaction responses may only set SUPPRESS_EMBEDS, EPHEMERAL, IS_COMPONENTS_V2, IS_VOICE_MESSAGE and SUPPRESS_NOTIFICATIONS.",
      }),
    });
  // "If you create a callback with the type DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE the only valid message flag you
  // may use is EPHEMERAL".
  if (type === CallbackType.DeferredChannelMessageWithSource && (flagsOf(data) & ~EPHEMERAL) !== 0)
    throw invalidFormBody({
      data: {
        flags: {
          _errors: [{ code: "MESSAGE_FLAGS_INVALID", message: "Deferred responses may only set EPHEMERAL." }],
        },
      },
    });
  if (type === CallbackType.AutocompleteResult) {
    const errors = new FormErrors();
    const choices = data.choices;
    // "Autocomplete": "autocomplete choices (max of 25 choices)"; a choice's name is 1-100 characters and a string
    // value up to 100 (application-commands.mdx, "Application Command Option Choice Structure").
    if (!Array.isArray(choices)) errors.add(["data", "choices"], notList());
    else {
      if (choices.length > 25) errors.add(["data", "choices"], maxLength(25));
      choices.forEach((c, n) => {
        const name = isObject(c) ? c.name : undefined;
        const value = isObject(c) ? c.value : undefined;
        if (typeof name !== "string" || [...name].length < 1 || [...name].length > 100)
          errors.add(["data", "choices", n, "name"], badLength(1, 100));
        if (typeof value === "string" && [...value].length > 100)
          errors.add(["data", "choices", n, "value"], maxLength(100));
      });
    }
    if (!errors.isEmpty) throw invalidFormBody(errors.toTree());
  }
}

export function validateInteractionMessage(data: Json, use: "followup" | "edit"): void {
  try {
    validateWebhookMessage(data, {
      mask: RESPONSE_FLAGS,
      error: () => ({ code: "MESSAGE_FLAGS_INVALID", message: "Invalid message flags." }),
    });
  } catch (error) {
    // An edit may leave content out (webhook.mdx, "Edit Webhook Message": "All parameters to this endpoint are
    // optional and nullable"); a new follow-up with nothing to show is "Cannot send an empty message", as Execute
    // Webhook's is.
    if (use === "edit" && error instanceof DiscordApiError && error.body.code === 50006) return;
    throw error;
  }
}
