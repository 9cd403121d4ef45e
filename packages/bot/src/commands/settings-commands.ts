import {
  autocompleteResult,
  deferredEphemeral,
  ephemeralMessage,
  type InteractionContext,
  InteractionType,
  memberPermissionsSplit,
  NO_MENTIONS,
  parseSettingsInteraction,
  SETTINGS_SCHEMA_VERSION,
  type SettingsRequest,
  settingsRequestWire,
  timeZoneSuggestions,
} from "@stepcord/definitions";
import { DiscordAPIError, type REST, Routes } from "discord.js";
import type { Logger } from "pino";
import { errorMessage } from "../error-message.js";
import type { DiscordSettings } from "../rules/discord-settings.js";
import { answerText, failureText, UNEXPECTED_FAILURE } from "./answer-text.js";
import { SettingsCallError } from "./settings-call-error.js";
import type { SettingsClient } from "./settings-client.js";

export interface SettingsCommandsOptions {
  rest: Pick<REST, "post" | "patch">;
  client: Pick<SettingsClient, "call">;
  settings: DiscordSettings;
  /** `/stepcord status`'s text for a guild, from the rules in effect once its settings are applied. */
  statusOf: (guildId: string) => string;
  logger: Logger;
}

/** A Discord REST failure for the log: its status and Discord's code, never the URL (it holds the token). */
function restFailure(error: unknown): { status?: number; discordCode?: number | string; err?: string } {
  if (error instanceof DiscordAPIError) return { status: error.status, discordCode: error.code };
  return { err: error instanceof Error ? error.name : "unknown" };
}

/**
 * Answers `/stepcord` interactions as Discord requires (receiving-and-responding.mdx, "Responding to an
 * Interaction"): a time zone's autocomplete and a refusal at once; a command is deferred (ephemeral) at once, then
 * forwarded as a SettingsCall (never the token: decision 0018), its answer's settings applied to the guild's rules
 * before the reply, and the deferred reply edited with the effect. The token stays in this process's memory and
 * Discord's REST paths; nothing logs it.
 */
export class SettingsCommands {
  constructor(private readonly o: SettingsCommandsOptions) {}

  /** One INTERACTION_CREATE `d`, as the gateway sent it. Never throws. */
  async handle(payload: unknown): Promise<void> {
    let parsed: ReturnType<typeof parseSettingsInteraction>;
    try {
      parsed = parseSettingsInteraction(payload);
    } catch {
      this.o.logger.warn(
        { code: "MALFORMED_INTERACTION" },
        "an interaction could not be read; it was not answered",
      );
      return;
    }
    const { context } = parsed;
    const log = { guildId: context.guildId, interactionId: context.interactionId };
    if (parsed.type === "autocomplete") {
      await this.respond(context, autocompleteResult(timeZoneSuggestions(parsed.query)), log);
      return;
    }
    if (parsed.type === "rejected") {
      this.o.logger.info({ ...log, code: parsed.error.code }, "/stepcord refused");
      // An autocomplete interaction takes only choices (RR, "Interaction Callback Type": 8 is its one response).
      const autocompleting =
        (payload as { type?: unknown }).type === InteractionType.ApplicationCommandAutocomplete;
      await this.respond(
        context,
        autocompleting ? autocompleteResult([]) : ephemeralMessage(parsed.error.userMessage),
        log,
      );
      return;
    }
    // Deferred before anything slow: Discord invalidates the token if no response comes within 3 s.
    if (!(await this.respond(context, deferredEphemeral(), log))) return;
    const permissions = memberPermissionsOf(payload);
    await this.edit(context, await this.answer(context, parsed.request, permissions, log), log);
  }

  private async answer(
    context: InteractionContext,
    request: SettingsRequest,
    memberPermissions: string,
    log: Record<string, unknown>,
  ): Promise<string> {
    try {
      const answer = await this.o.client.call({
        version: SETTINGS_SCHEMA_VERSION,
        interactionId: context.interactionId,
        guildId: context.guildId,
        userId: context.userId,
        memberPermissions,
        ...memberPermissionsSplit(memberPermissions),
        request: settingsRequestWire(request),
      });
      if (answer.outcome === "refused")
        this.o.logger.info(
          { ...log, reason: answer.reason, detail: answer.message },
          "/stepcord refused by the workflow",
        );
      else this.o.settings.apply(answer.settings);
      this.o.logger.info({ ...log, kind: request.kind, outcome: answer.outcome }, "/stepcord answered");
      return answerText(request, answer, () => this.o.statusOf(context.guildId));
    } catch (error) {
      if (error instanceof SettingsCallError) {
        this.o.logger.warn({ ...log, code: error.code, status: error.status }, error.message);
        return failureText(error);
      }
      // A bug here must still end the admin's "thinking…" and never reach the process as an unhandled rejection.
      this.o.logger.error(
        { ...log, code: "SETTINGS_COMMAND_BUG", err: error instanceof Error ? error.name : "unknown" },
        `/stepcord failed inside the bot: ${errorMessage(error)}. Fix: report it with this line`,
      );
      return UNEXPECTED_FAILURE;
    }
  }

  private async respond(
    context: InteractionContext,
    body: unknown,
    log: Record<string, unknown>,
  ): Promise<boolean> {
    try {
      await this.o.rest.post(Routes.interactionCallback(context.interactionId, context.token), {
        body,
        auth: false,
      });
      return true;
    } catch (error) {
      this.o.logger.warn(
        { ...log, ...restFailure(error), code: "INTERACTION_RESPONSE_FAILED" },
        "could not answer an interaction (Discord allows 3 s for the first answer). Fix: check the bot's latency to Discord and its event loop",
      );
      return false;
    }
  }

  private async edit(
    context: InteractionContext,
    content: string,
    log: Record<string, unknown>,
  ): Promise<void> {
    try {
      await this.o.rest.patch(Routes.webhookMessage(context.applicationId, context.token, "@original"), {
        body: { content, allowed_mentions: NO_MENTIONS },
        auth: false,
      });
    } catch (error) {
      this.o.logger.warn(
        { ...log, ...restFailure(error), code: "INTERACTION_EDIT_FAILED" },
        "could not edit a deferred /stepcord answer (its token lasts 15 minutes)",
      );
    }
  }
}

/**
 * `member.permissions` as Discord sent it (parseSettingsInteraction already required Manage Server or Administrator
 * there); the call carries it for the workflow's own check.
 */
function memberPermissionsOf(payload: unknown): string {
  const member = (payload as { member?: { permissions?: unknown } }).member;
  // Only a decimal bitfield can be split for the workflow (memberPermissionsSplit); anything else is no authority.
  return typeof member?.permissions === "string" && /^\d+$/.test(member.permissions)
    ? member.permissions
    : "0";
}
