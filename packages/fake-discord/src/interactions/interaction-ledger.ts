/**
 * Interaction responses and follow-ups as Discord enforces them (discord/discord-api-docs,
 * developers/interactions/receiving-and-responding.mdx, "Interaction Callback" and "Followup Messages"), on an
 * injected clock so a test can step past the 3 s and 15 min marks without waiting.
 */
import {
  alreadyAcknowledged,
  invalidFormBody,
  invalidWebhookToken,
  unknownInteraction,
  unknownWebhook,
} from "../webhook/discord-error.js";
import { notObject } from "../webhook/form-errors.js";
import { discordIsoTimestamp } from "../webhook/message-object.js";
import type { SnowflakeGenerator } from "../webhook/snowflake.js";
import {
  CallbackType,
  checkCallbackType,
  checkResponseData,
  EPHEMERAL,
  flagsOf,
  LOADING,
  RESPONSE_FLAGS,
  validateInteractionMessage,
} from "./interaction-response-rules.js";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** "you must send an initial response within 3 seconds of receiving the event" ("Interaction Callback"). */
export const INITIAL_RESPONSE_DEADLINE_MS = 3_000;
/** "Interaction tokens are valid for 15 minutes" ("Followup Messages"). */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;

/** A message the interaction produced, as a test reads it. */
export interface InteractionMessage {
  id: string;
  kind: "original" | "followup";
  content: string;
  flags: number;
  ephemeral: boolean;
  /** A deferred response's "thinking…" state, until the original is edited. */
  loading: boolean;
  allowedMentions: unknown;
  embeds: unknown[];
}

export interface IssuedInteraction {
  id: string;
  token: string;
  applicationId: string;
  type: number;
  channelId: string;
  dispatchedAtMs: number;
  /** The initial response, once given. */
  response?: { type: number; data: unknown; atMs: number };
  /** Autocomplete choices, for a type 8 response. */
  choices?: Array<{ name: string; value: unknown }>;
  original?: InteractionMessage;
  followups: InteractionMessage[];
}

export class InteractionLedger {
  private readonly byId = new Map<string, IssuedInteraction>();

  constructor(
    private readonly now: () => number,
    private readonly ids: SnowflakeGenerator,
    private readonly botUser: { id: string; username: string },
  ) {}

  issue(i: Omit<IssuedInteraction, "dispatchedAtMs" | "followups">): IssuedInteraction {
    const issued: IssuedInteraction = { ...i, dispatchedAtMs: this.now(), followups: [] };
    this.byId.set(i.id, issued);
    return issued;
  }

  get(id: string): IssuedInteraction | undefined {
    return this.byId.get(id);
  }

  /** POST /interactions/{interaction.id}/{interaction.token}/callback ("Create Interaction Response"). */
  callback(id: string, token: string, body: unknown, withResponse: boolean): [number, unknown] {
    const i = this.byId.get(id);
    if (!i || i.token !== token) throw unknownInteraction();
    if (i.response) throw alreadyAcknowledged();
    // "If the 3 second deadline is exceeded, the token will be invalidated": the callback is refused as unknown.
    if (this.now() - i.dispatchedAtMs > INITIAL_RESPONSE_DEADLINE_MS) throw unknownInteraction();
    if (!isObject(body)) throw invalidFormBody({ _errors: [notObject()] });
    const type = body.type;
    const data = isObject(body.data) ? body.data : {};
    checkCallbackType(i.type, type);
    checkResponseData(type, data);
    i.response = { type, data, atMs: this.now() };
    if (type === CallbackType.AutocompleteResult)
      i.choices = (data.choices as Array<{ name: string; value: unknown }>) ?? [];
    if (type === CallbackType.ChannelMessageWithSource) i.original = this.message("original", data, false);
    if (type === CallbackType.DeferredChannelMessageWithSource)
      i.original = this.message("original", { flags: flagsOf(data) & EPHEMERAL }, true);
    if (!withResponse) return [204, undefined];
    // "Interaction Callback Response Object" (with_response=true).
    return [
      200,
      {
        interaction: {
          id: i.id,
          type: i.type,
          ...(i.original
            ? {
                response_message_id: i.original.id,
                response_message_loading: i.original.loading,
                response_message_ephemeral: i.original.ephemeral,
              }
            : {}),
        },
        resource: {
          type,
          ...(type === CallbackType.ChannelMessageWithSource && i.original
            ? { message: this.messageObject(i, i.original) }
            : {}),
        },
      },
    ];
  }

  /**
   * The interaction webhook's token check, shared by follow-ups and @original: an unknown or expired token is 401
   * 50027 (after 15 minutes: discord/discord-api-docs#6851 "returns 401: Unauthorized"; thesleax/ticket-bot#2 quotes
   * the 401 with 50027), and so is one whose 3 s deadline passed unanswered ("the token will be invalidated"). Before
   * any initial response the webhook does not exist yet: 404 10015 (discordjs/discord.js#10587, Rapptz/discord.py#10461).
   */
  private webhook(
    applicationId: string,
    token: string,
  ): IssuedInteraction & { original: InteractionMessage } {
    const i = [...this.byId.values()].find((x) => x.token === token);
    if (!i) throw invalidWebhookToken();
    if (i.applicationId !== applicationId) throw unknownWebhook();
    if (this.now() - i.dispatchedAtMs > INTERACTION_TOKEN_LIFETIME_MS) throw invalidWebhookToken();
    if (!i.response) {
      if (this.now() - i.dispatchedAtMs > INITIAL_RESPONSE_DEADLINE_MS) throw invalidWebhookToken();
      throw unknownWebhook();
    }
    if (!i.original) throw unknownWebhook(); // an autocomplete result leaves no message to follow up
    return i as IssuedInteraction & { original: InteractionMessage };
  }

  /** POST /webhooks/{application.id}/{interaction.token} ("Create Followup Message"); `wait` is always true. */
  followup(applicationId: string, token: string, body: unknown): [number, unknown] {
    const i = this.webhook(applicationId, token);
    const data = isObject(body) ? body : {};
    validateInteractionMessage(data, "followup");
    // "When using this endpoint directly after responding ... with DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, this endpoint
    // will function as Edit Original Interaction Response ... The ephemeral flag will be ignored".
    if (i.original.loading) return [200, this.messageObject(i, this.edit(i, data))];
    const m = this.message("followup", data, false);
    i.followups.push(m);
    return [200, this.messageObject(i, m)];
  }

  /** PATCH /webhooks/{application.id}/{interaction.token}/messages/@original ("Edit Original Interaction Response"). */
  editOriginal(applicationId: string, token: string, body: unknown): [number, unknown] {
    const i = this.webhook(applicationId, token);
    const data = isObject(body) ? body : {};
    validateInteractionMessage(data, "edit");
    return [200, this.messageObject(i, this.edit(i, data))];
  }

  /** GET /webhooks/{application.id}/{interaction.token}/messages/@original. */
  getOriginal(applicationId: string, token: string): [number, unknown] {
    const i = this.webhook(applicationId, token);
    return [200, this.messageObject(i, i.original)];
  }

  private edit(i: IssuedInteraction & { original: InteractionMessage }, data: Json): InteractionMessage {
    // "an existing message's ephemeral state cannot be changed": the flag stays what the first response set.
    i.original = {
      ...i.original,
      content: typeof data.content === "string" ? data.content : i.original.content,
      embeds: Array.isArray(data.embeds) ? data.embeds : i.original.embeds,
      allowedMentions: data.allowed_mentions ?? i.original.allowedMentions,
      loading: false,
      flags: i.original.flags & ~LOADING,
    };
    return i.original;
  }

  private message(kind: InteractionMessage["kind"], data: Json, loading: boolean): InteractionMessage {
    const flags = (flagsOf(data) & RESPONSE_FLAGS) | (loading ? LOADING : 0);
    return {
      id: this.ids.next(),
      kind,
      content: typeof data.content === "string" ? data.content : "",
      flags,
      ephemeral: (flags & EPHEMERAL) !== 0,
      loading,
      allowedMentions: data.allowed_mentions,
      embeds: Array.isArray(data.embeds) ? data.embeds : [],
    };
  }

  private messageObject(i: IssuedInteraction, m: InteractionMessage): Json {
    return {
      id: m.id,
      type: m.kind === "original" ? 20 : 0, // message.mdx, "Message Types": CHAT_INPUT_COMMAND 20, DEFAULT 0
      channel_id: i.channelId,
      application_id: i.applicationId,
      webhook_id: i.applicationId,
      author: { ...this.botUser, discriminator: "0", bot: true, avatar: null },
      content: m.content,
      embeds: m.embeds,
      flags: m.flags,
      timestamp: discordIsoTimestamp(this.now()),
      edited_timestamp: null,
      attachments: [],
      components: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
    };
  }
}
