import {
  describeSettingsChange,
  type SettingsAnswer,
  type SettingsChange,
  type SettingsRequest,
} from "@stepcord/definitions";
import type { SettingsCallError } from "./settings-call-error.js";

/** The change as stored: a `quiet` without a zone kept the server's, which the answer's settings name. */
function asStored(
  change: SettingsChange,
  answer: Extract<SettingsAnswer, { settings: unknown }>,
): SettingsChange {
  const q = answer.settings.quietHours;
  if (change.kind === "quiet" && q !== undefined && q !== "off") return { ...change, timeZone: q.timeZone };
  return change;
}

/**
 * What the admin reads once the workflow answered: the effect of the change (describeSettingsChange, built only from
 * validated values), `status` as `statusText` renders it, or why nothing changed. The workflow's own refusal text is
 * logged, not shown: only text built here reaches Discord.
 */
export function answerText(request: SettingsRequest, answer: SettingsAnswer, status: () => string): string {
  if (answer.outcome === "refused")
    return answer.reason === "not-allowed"
      ? "Only members with the Manage Server permission can change stepcord's settings; nothing was changed."
      : "stepcord's settings refused this command as invalid; nothing was changed.";
  if (answer.outcome === "status" || request.kind === "status") return status();
  const effect = describeSettingsChange(asStored(request, answer));
  return answer.outcome === "replayed"
    ? `This command was applied before; nothing changed twice. ${effect}`
    : effect;
}

/** What the admin reads when the call failed: try again for a passing fault, else who can fix it. */
export function failureText(error: SettingsCallError): string {
  return error.passing
    ? "stepcord could not reach its settings just now; nothing was changed. Please try again in a minute."
    : "stepcord's settings are not available on this deployment yet; nothing was changed. Whoever runs the bot will find the fix in its log.";
}

/** What the admin reads when the bot itself failed: nothing changed that they can tell, so trying again is safe. */
export const UNEXPECTED_FAILURE =
  "stepcord hit an error before it could apply this; please try again in a minute. If it keeps failing, tell whoever runs the bot.";
