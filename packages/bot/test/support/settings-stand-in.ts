import {
  canManageGuild,
  noServerSettings,
  type ServerSettings,
  type SettingsAnswer,
  SettingsCall,
} from "@stepcord/definitions";

/**
 * StartSyncExecution's response, as API Gateway's StepFunctions-StartSyncExecution integration returns it (HTTP 200
 * whatever the execution did; `output` a JSON string when it SUCCEEDED): the same envelope as the events route's,
 * sync-answers.ts. https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html
 */
export const settingsEnvelope = (answer: SettingsAnswer) => ({
  status: "SUCCEEDED",
  output: JSON.stringify(answer),
});

/**
 * The settings workflow as the bot sees it through `POST /settings` (the lead's contract,
 * packages/definitions/src/settings/settings-call.ts): it reads a `SettingsCall`, answers `refused invalid` to what
 * is not one, `status` with the stored settings to anyone (the contract refuses only who may not *change* them),
 * `refused not-allowed` to a change by a member without Manage Server or Administrator, `replayed` to an interaction
 * it applied before, and otherwise writes the change with the next version and answers `applied`. It stands in for
 * the workflow until the lead reruns the bot's tests against the local stack.
 */
export class SettingsStandIn {
  /** Every call as received, in order. */
  readonly calls: SettingsCall[] = [];
  private readonly stored = new Map<string, ServerSettings>();
  private readonly applied = new Set<string>();
  private failures: Array<{ status: number }> = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** Answers the next `n` calls with this HTTP status and no body, as a failing workflow or API would. */
  failNext(n: number, status: number): void {
    this.failures = Array.from({ length: n }, () => ({ status }));
  }

  /** What a test sets before the bot starts: the settings an admin chose earlier. */
  seed(settings: ServerSettings): void {
    this.stored.set(settings.guildId, settings);
  }

  settingsOf(guildId: string): ServerSettings {
    return this.stored.get(guildId) ?? noServerSettings(guildId);
  }

  /** The HTTP answer to one verified body. */
  answer(body: unknown): [number, unknown] {
    const failure = this.failures.shift();
    if (failure) return [failure.status, undefined];
    const [status, answer] = this.settingsAnswer(body);
    return [status, settingsEnvelope(answer)];
  }

  /** What the workflow's execution outputs for one call. */
  settingsAnswer(body: unknown): [number, SettingsAnswer] {
    const parsed = SettingsCall.safeParse(body);
    if (!parsed.success)
      return [
        200,
        { outcome: "refused", reason: "invalid", message: parsed.error.issues[0]?.message ?? "invalid" },
      ];
    const call = parsed.data;
    this.calls.push(call);
    const current = this.settingsOf(call.guildId);
    if (call.request.kind === "status") return [200, { outcome: "status", settings: current }];
    if (!canManageGuild(call.memberPermissions))
      return [200, { outcome: "refused", reason: "not-allowed", message: "Manage Server is required." }];
    if (this.applied.has(call.interactionId)) return [200, { outcome: "replayed", settings: current }];
    const next = this.changed(current, call);
    this.applied.add(call.interactionId);
    this.stored.set(call.guildId, next);
    return [200, { outcome: "applied", settings: next }];
  }

  private changed(current: ServerSettings, call: SettingsCall): ServerSettings {
    const r = call.request;
    const next: ServerSettings = {
      ...current,
      version: current.version + 1,
      updatedAt: new Date(this.now()).toISOString(),
      updatedBy: call.userId,
    };
    switch (r.kind) {
      case "pause":
        return {
          ...next,
          pausedUntil: r.untilMs === null ? "indefinitely" : new Date(r.untilMs).toISOString(),
        };
      case "resume":
        return { ...next, pausedUntil: null };
      case "quiet": {
        const zone =
          current.quietHours === undefined || current.quietHours === "off"
            ? "UTC"
            : current.quietHours.timeZone;
        return { ...next, quietHours: { from: r.from, to: r.to, timeZone: r.timeZone ?? zone } };
      }
      case "quiet-off":
        return { ...next, quietHours: "off" };
      case "min-members":
        return { ...next, minMembers: r.minMembers };
      case "events":
        return { ...next, events: r.events };
      case "ignore":
        return { ...next, ignoredChannels: [...new Set([...current.ignoredChannels, r.channelId])] };
      case "unignore":
        return { ...next, ignoredChannels: current.ignoredChannels.filter((c) => c !== r.channelId) };
      case "status":
        return current;
    }
  }
}
