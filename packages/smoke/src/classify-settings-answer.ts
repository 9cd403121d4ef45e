import { SettingsAnswer } from "@stepcord/definitions";
import type { SignedAs } from "./classify-events-answer.js";
import type { SettingsGuild } from "./settings-status-call.js";
import type { EventsAnswer } from "./verdict.js";

/** The settings route's hop (issue 15), checked beside the notifier's hops: its own route, role and workflow. */
export const SETTINGS_HOP = "bot identity → events API → settings workflow (POST /settings, status)";

/** The settings hop's verdict: "not-checked" when the stack has no settings route to check (not a failure). */
export interface SettingsVerdict {
  result: "pass" | "fail" | "not-checked";
  summary: string;
  fix?: string;
}

/** The verdict when the outputs have no `settingsEndpoint`. */
export const SETTINGS_NOT_DEPLOYED: SettingsVerdict = {
  result: "not-checked",
  summary: "the stack exports no settingsEndpoint: its infra predates issue 15 (POST /settings)",
  fix: "`pulumi up` from this commit adds the settings route, workflow and table",
};

function messageOf(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === "string") return message.slice(0, 200);
  } catch {
    // Not JSON: fall through.
  }
  return body.replace(/\s+/g, " ").slice(0, 200);
}

function guildText(guild: SettingsGuild): string {
  return guild.from === "placeholder"
    ? `placeholder server ${guild.guildId} (the servers output lists none)`
    : `server ${guild.guildId} (the first in the servers output)`;
}

/**
 * Pure: the verdict on the events API's answer to the signed `status` SettingsCall. The route is always
 * StepFunctions-StartSyncExecution (decision 0019), so a 200 carries the execution's status and, when it succeeded,
 * the SettingsAnswer as its `output`.
 */
export function classifySettingsAnswer(
  answer: EventsAnswer,
  guild: SettingsGuild,
  signedAs: SignedAs = "bot",
): SettingsVerdict {
  const { status } = answer;
  const asked = `status for ${guildText(guild)}`;
  const said = `POST /settings answered ${status}${answer.body ? ` (${messageOf(answer.body)})` : ""}`;
  const fail = (summary: string, fix: string): SettingsVerdict => ({ result: "fail", summary, fix });
  if (status === 200) {
    let execution: { status?: unknown; output?: unknown; error?: unknown; cause?: unknown };
    try {
      execution = JSON.parse(answer.body) as typeof execution;
    } catch {
      execution = {};
    }
    if (execution.status === "SUCCEEDED") {
      let parsed: SettingsAnswer | undefined;
      try {
        parsed = SettingsAnswer.parse(
          typeof execution.output === "string" ? JSON.parse(execution.output) : execution.output,
        );
      } catch {
        parsed = undefined;
      }
      if (parsed?.outcome === "status") {
        return {
          result: "pass",
          summary: `${asked}: StartSyncExecution SUCCEEDED with outcome "status" (settings version ${parsed.settings.version})`,
        };
      }
      return fail(
        `${asked}: the settings workflow SUCCEEDED but answered ${parsed === undefined ? "no SettingsAnswer" : `outcome "${parsed.outcome}"`}`,
        "the deployed settings workflow and this smoke check disagree on the SettingsCall: deploy infra and the bot from the same commit",
      );
    }
    if (execution.status === "FAILED" || execution.status === "TIMED_OUT") {
      const error = typeof execution.error === "string" ? execution.error : "";
      return fail(
        `${asked}: the settings workflow ${execution.status}${error ? ` with ${error}` : ""}`,
        "the settings role cannot read the settings table: check that the table (output settingsTable) exists and " +
          "that the settings workflow's role has its DynamoDB grant (settingsTablePolicy); `pulumi up` restores both, " +
          "then see the settings workflow's log group",
      );
    }
    return fail(
      `${said} without an execution status`,
      "the POST /settings integration is not StepFunctions-StartSyncExecution: run `pulumi up` to restore EventsApi",
    );
  }
  if (status === 403) {
    const message = messageOf(answer.body);
    if (/signature|date|expired|clock/i.test(message)) {
      return fail(
        said,
        "the request was signed but not accepted: check the runner's clock (SigV4 allows 5 minutes of skew)",
      );
    }
    return fail(
      said,
      signedAs === "operator"
        ? "the identity that signed (your AWS credentials) may not POST /settings: attach the invoker policy (output invokerPolicyArn) to it"
        : "the bot's invoke policy lacks POST /settings (it predates issue 15): redeploy infra (`pulumi up`), which " +
            "adds …/POST/settings to the invoker policy (output invokerPolicyArn)",
    );
  }
  if (status === 404) {
    return fail(
      said,
      "no route POST /settings at this endpoint: the settingsEndpoint output is stale; run `pulumi up`",
    );
  }
  if (status === 400) {
    return fail(
      said,
      "StartSyncExecution refused the SettingsCall: the deployed settings workflow and this smoke check disagree; deploy both from the same commit",
    );
  }
  if (status === 503 || status === 504) {
    return fail(
      said,
      "the settings workflow ran past API Gateway's 30 s integration timeout: a DynamoDB call hung; see the settings workflow's log group",
    );
  }
  if (status >= 500) {
    return fail(
      said,
      "API Gateway could not assume the events API's settings role (`-settings-role`: its trust must allow " +
        "apigateway.amazonaws.com for this account) or that role may not states:StartSyncExecution on the settings " +
        "machine (output settingsStateMachineArn); run `pulumi up`, then see the events API's access log (integrationError)",
    );
  }
  return fail(said, "unexpected answer: see the events API's access log for this request");
}
