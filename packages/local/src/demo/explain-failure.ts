import type { ExecutionRecord } from "../workflow-runner.js";

/** Discord error codes users meet with webhooks, and what fixes each. */
const DISCORD_FIXES: Record<number, string> = {
  10015:
    "Discord says the webhook no longer exists (10015 Unknown Webhook): create a new one in the channel's " +
    "Integrations settings and set DISCORD_WEBHOOK_URL (or `pulumi config set --secret discordWebhookUrl`)",
  50027:
    "Discord refused the webhook token (50027 Invalid Webhook Token): copy the whole webhook URL again, token included",
  50006: "Discord refused an empty message (50006): the workflow built a message without embeds",
  50035:
    "Discord refused the message body (50035 Invalid Form Body): see the execution history for the field",
};

/** One sentence on why an execution failed and what to do, from its error, cause and the Discord code inside. */
export function explainFailedExecution(execution: ExecutionRecord): string {
  const cause = execution.cause ?? "";
  const code = /"code"\s*:\s*(\d+)/.exec(cause)?.[1];
  const fix = code === undefined ? undefined : DISCORD_FIXES[Number(code)];
  const what = `execution ${execution.name} failed with ${execution.error ?? "an unknown error"}`;
  return fix ? `${what}: ${fix}` : `${what}${cause ? `: ${cause}` : ""}`;
}
