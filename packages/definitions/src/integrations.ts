/**
 * The settings of the two API Gateway integrations, as plain data. Infra passes them to
 * `aws.apigatewayv2.Integration`; the local stack interprets the same objects.
 */

/** The Discord webhook's query: wait for the message to be created so its id comes back. */
export const WEBHOOK_QUERY = "?wait=true";

const THREAD_ID = /^\d{15,20}$/;

export interface WebhookProxyIntegration {
  integrationType: "HTTP_PROXY";
  integrationMethod: "POST";
  integrationUri: string;
  payloadFormatVersion: "1.0";
  requestParameters: Record<string, string>;
  timeoutMilliseconds: number;
}

/** HTTP APIs cap integration timeouts at 30 s; Discord answers in well under a second. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export function webhookProxyIntegration(args: {
  webhookUrl: string;
  userAgent: string;
  /** Post into this thread (or forum post) of the webhook's channel; see `webhookIntegrationUri`. */
  threadId?: string | undefined;
}): WebhookProxyIntegration {
  return {
    integrationType: "HTTP_PROXY",
    integrationMethod: "POST",
    integrationUri: webhookIntegrationUri(args.webhookUrl, args.threadId),
    payloadFormatVersion: "1.0",
    requestParameters: webhookProxyRequestParameters(args.userAgent),
    timeoutMilliseconds: WEBHOOK_TIMEOUT_MS,
  };
}

/**
 * The integration's target; as secret as the webhook URL it contains. A thread goes into the query as `thread_id`,
 * Discord's Execute Webhook query parameter ("send a message to the specified thread within a webhook's channel";
 * discord/discord-api-docs, resources/Webhook, Execute Webhook, query string params), so it lives in the integration
 * beside the URL and the workflow never needs to know it.
 */
export function webhookIntegrationUri(webhookUrl: string, threadId?: string): string {
  if (threadId === undefined) return `${webhookUrl}${WEBHOOK_QUERY}`;
  if (!THREAD_ID.test(threadId)) {
    throw new RangeError(
      `Invalid threadId ${JSON.stringify(threadId)}. Must be a Discord snowflake (15-20 decimal digits).`,
    );
  }
  return `${webhookUrl}${WEBHOOK_QUERY}&thread_id=${threadId}`;
}

/** Header overwrites; kept apart from the URI so they need not become secret with it. */
export function webhookProxyRequestParameters(userAgent: string): Record<string, string> {
  return {
    // Discord identifies clients by User-Agent; Step Functions' own would be sent otherwise.
    "overwrite:header.User-Agent": userAgent,
    "overwrite:header.Content-Type": "application/json",
  };
}

export interface StartExecutionIntegration {
  integrationType: "AWS_PROXY";
  /**
   * EXPRESS: StartSyncExecution, so the bot's answer is the execution's result (status, output, error, cause; 200
   * even when the execution failed). STANDARD cannot run synchronously: StartExecution, answered at once.
   */
  integrationSubtype: "StepFunctions-StartExecution" | "StepFunctions-StartSyncExecution";
  credentialsArn: string;
  payloadFormatVersion: "1.0";
  requestParameters: { StateMachineArn: string; Input: "$request.body" };
  timeoutMilliseconds: number;
}

/** HTTP APIs allow at most 30 s; the EXPRESS workflow stops itself after 25 s (EXPRESS_TIMEOUT_SECONDS). */
export const EVENTS_INTEGRATION_TIMEOUT_MS = 30_000;

export function startExecutionIntegration(args: {
  stateMachineArn: string;
  credentialsArn: string;
  workflowType: "EXPRESS" | "STANDARD";
}): StartExecutionIntegration {
  return {
    integrationType: "AWS_PROXY",
    integrationSubtype:
      args.workflowType === "EXPRESS" ? "StepFunctions-StartSyncExecution" : "StepFunctions-StartExecution",
    credentialsArn: args.credentialsArn,
    payloadFormatVersion: "1.0",
    requestParameters: { StateMachineArn: args.stateMachineArn, Input: "$request.body" },
    timeoutMilliseconds: EVENTS_INTEGRATION_TIMEOUT_MS,
  };
}
