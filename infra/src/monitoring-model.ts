import { NOTIFIER_ERRORS } from "@stepcord/definitions";

/** Pure descriptions of the alarms and the dashboard; the Monitoring component turns them into resources. */

export interface AlarmSpec {
  /** Suffix of the resource name and the alarm's purpose, e.g. `workflow-failed`. */
  key: string;
  description: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: "Sum" | "Average" | "Maximum";
  threshold: number;
  periodSeconds: number;
  evaluationPeriods: number;
}

export interface MonitoredIds {
  stateMachineArn: string;
  eventsApiId: string;
  webhookApiId: string;
  /** Namespace of the metric counted from the webhook API's access logs. */
  customNamespace: string;
}

export const WEBHOOK_THROTTLED_METRIC = "WebhookThrottled";
/** Batches parked because the webhook is gone (404/401 from Discord, or its circuit open). */
export const WEBHOOK_GONE_METRIC = "WebhookGone";

/**
 * A term pattern, not a JSON one: it matches the error name wherever the ERROR-level execution log puts it
 * (an ExecutionFailed event's details), so it does not depend on the exact layout of Step Functions' log events.
 */
export function webhookGoneFilterPattern(): string {
  return `"${NOTIFIER_ERRORS.webhookGone}"`;
}
const FIVE_MINUTES = 300;

/** What is worth waking someone for: the things that mean messages are not arriving, or that cost money. */
export function alarmSpecs(ids: MonitoredIds): AlarmSpec[] {
  const workflow = { namespace: "AWS/States", dimensions: { StateMachineArn: ids.stateMachineArn } };
  const api = (apiId: string) => ({
    namespace: "AWS/ApiGateway",
    dimensions: { ApiId: apiId, Stage: "$default" },
  });
  const base = { statistic: "Sum" as const, periodSeconds: FIVE_MINUTES, evaluationPeriods: 1 };
  return [
    {
      ...base,
      ...workflow,
      key: "workflow-failed",
      metricName: "ExecutionsFailed",
      threshold: 1,
      description: "Workflow executions failed: messages were not posted. See the state machine's log group.",
    },
    {
      ...base,
      ...workflow,
      key: "workflow-throttled",
      metricName: "ExecutionThrottled",
      threshold: 1,
      description: "Step Functions throttled executions: events were refused at the start.",
    },
    {
      ...base,
      ...api(ids.eventsApiId),
      key: "events-5xx",
      metricName: "5xx",
      threshold: 1,
      description:
        "The events API answered 5xx: the bot's batches did not start a workflow (it retries them).",
    },
    {
      ...base,
      ...api(ids.eventsApiId),
      key: "events-4xx-spike",
      metricName: "4xx",
      threshold: 25,
      description:
        "Many 4xx on the events API: a misconfigured bot (403: wrong key or policy), or someone probing.",
    },
    {
      ...base,
      ...api(ids.webhookApiId),
      key: "webhook-5xx",
      metricName: "5xx",
      threshold: 1,
      description: "The webhook proxy answered 5xx: Discord is failing or the webhook URL is wrong.",
    },
    {
      ...base,
      namespace: ids.customNamespace,
      dimensions: {},
      key: "webhook-gone",
      metricName: WEBHOOK_GONE_METRIC,
      threshold: 1,
      description:
        "Discord says the webhook is gone (404 Unknown Webhook / 401 Invalid Webhook Token); its circuit is open and " +
        "batches are parked in the bot's outbox. Fix: create a webhook, `pulumi config set --secret " +
        "discordWebhookUrl <url>`, `pulumi up`, then close the circuit and redeliver (docs/deploy.md, Webhook gone).",
    },
    {
      ...base,
      namespace: ids.customNamespace,
      dimensions: { ApiId: ids.webhookApiId },
      key: "webhook-429",
      metricName: WEBHOOK_THROTTLED_METRIC,
      threshold: 5,
      description: "Discord rate-limited the webhook (429) repeatedly: too many events for one channel.",
    },
  ];
}

/** CloudWatch dashboard body: the pipeline left to right, events in, executions, messages out. */
export function dashboardBody(ids: MonitoredIds & { region: string }): string {
  const metric = (namespace: string, name: string, dims: Record<string, string>, label: string) => [
    namespace,
    name,
    ...Object.entries(dims).flat(),
    { label, stat: "Sum" },
  ];
  const widget = (title: string, x: number, metrics: unknown[][]) => ({
    type: "metric",
    x,
    y: 0,
    width: 8,
    height: 6,
    properties: {
      title,
      region: ids.region,
      view: "timeSeries",
      stacked: false,
      period: FIVE_MINUTES,
      metrics,
    },
  });
  const events = { ApiId: ids.eventsApiId, Stage: "$default" };
  const webhook = { ApiId: ids.webhookApiId, Stage: "$default" };
  const machine = { StateMachineArn: ids.stateMachineArn };
  return JSON.stringify({
    widgets: [
      widget("Events API (bot -> workflow)", 0, [
        metric("AWS/ApiGateway", "Count", events, "requests"),
        metric("AWS/ApiGateway", "4xx", events, "4xx"),
        metric("AWS/ApiGateway", "5xx", events, "5xx"),
      ]),
      widget("Workflow executions", 8, [
        metric("AWS/States", "ExecutionsStarted", machine, "started"),
        metric("AWS/States", "ExecutionsSucceeded", machine, "succeeded"),
        metric("AWS/States", "ExecutionsFailed", machine, "failed"),
        metric("AWS/States", "ExecutionThrottled", machine, "throttled"),
      ]),
      widget("Webhook proxy (workflow -> Discord)", 16, [
        metric("AWS/ApiGateway", "Count", webhook, "messages"),
        metric("AWS/ApiGateway", "5xx", webhook, "5xx"),
        metric(
          ids.customNamespace,
          WEBHOOK_THROTTLED_METRIC,
          { ApiId: ids.webhookApiId },
          "429 from Discord",
        ),
      ]),
    ],
  });
}

/** The console link for a dashboard. */
export function dashboardUrl(region: string, dashboardName: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${encodeURIComponent(dashboardName)}`;
}
