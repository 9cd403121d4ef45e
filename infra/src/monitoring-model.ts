import { NOTIFIER_ERRORS, type NotifierWorkflowType } from "@stepcord/definitions";

/** Pure descriptions of the alarms and the dashboard; the Monitoring component turns them into resources. */

export interface AlarmSpec {
  /** Suffix of the resource name, named after what the metric counts, e.g. `workflow-failed`. */
  key: string;
  /** What the metric really counts, in the words of the service's metric reference. */
  measures: string;
  /** What to look at first when it fires; docs/deploy.md's runbook has the longer version. */
  firstStep: string;
  /** The alarm's description in CloudWatch and in the notification: `measures` then `firstStep`. */
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
  /** Which Step Functions API the events API calls: StartExecution (STANDARD) or StartSyncExecution (EXPRESS). */
  workflowType: NotifierWorkflowType;
  /** The settings workflow (issue 15), when the stack has one: its failed executions get one alarm. */
  settingsStateMachineArn?: string | undefined;
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

/**
 * Step Functions' metric reference (https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html,
 * awsdocs/aws-step-functions-developer-guide doc_source/procedure-cw-metrics.md): `ExecutionThrottled` (dimension
 * StateMachineArn) is "the number of StateEntered events and retries that have been throttled", i.e. state-transition
 * throttling of running executions; a refused StartExecution call is counted by the API metric `ThrottledEvents`
 * with dimension `APIName`, which covers every state machine of the account in the region.
 *
 * Only STANDARD stacks call StartExecution. An EXPRESS stack's events API calls StartSyncExecution, and no AWS page
 * says Step Functions publishes the API metrics for it: the metric reference names the `APIName` dimension without
 * listing its values, and the quotas page (limits-overview.md, "Quotas related to API action throttling") gives a
 * bucket for StartExecution only, adding that "Synchronous Express execution API calls do not contribute to the
 * existing account capacity limits" and that "surges in workload may be throttled until capacity is available".
 * So an EXPRESS stack watches what is documented instead: a refused StartSyncExecution is an error answer of the
 * events API, counted by its 5xx and 4xx metrics (decision 0024).
 */
const STATES = "AWS/States";
export const START_EXECUTION_API = { APIName: "StartExecution" } as const;

type AlarmInput = Omit<AlarmSpec, "description" | "statistic" | "periodSeconds" | "evaluationPeriods">;
const alarm = (input: AlarmInput): AlarmSpec => ({
  statistic: "Sum",
  periodSeconds: FIVE_MINUTES,
  evaluationPeriods: 1,
  ...input,
  description: `${input.measures} ${input.firstStep}`,
});

/** STANDARD only: refused StartExecution calls, counted by Step Functions' documented API metric. */
function startExecutionsThrottled(): AlarmSpec {
  return alarm({
    namespace: STATES,
    dimensions: START_EXECUTION_API,
    key: "start-executions-throttled",
    metricName: "ThrottledEvents",
    threshold: 1,
    measures:
      "Step Functions refused StartExecution calls for throttling (ThrottledEvents, APIName StartExecution), for " +
      "any state machine of this account and region: batches the events API passed on did not start.",
    firstStep:
      "Compare with the events API's 4xx and 5xx and the bot's log (it retries 5xx and 429); if other workloads " +
      "share the region's StartExecution quota, ask for a quota increase.",
  });
}

/** What is worth waking someone for: the things that mean messages are not arriving, or that cost money. */
export function alarmSpecs(ids: MonitoredIds): AlarmSpec[] {
  const machine = { StateMachineArn: ids.stateMachineArn };
  const standard = ids.workflowType === "STANDARD";
  // EXPRESS: the events API's own answer is where a StartSyncExecution Step Functions refused shows up.
  const syncRefusals = standard
    ? ""
    : " On this EXPRESS stack a StartSyncExecution Step Functions refused (throttling included) shows here too.";
  const api = (apiId: string) => ({
    namespace: "AWS/ApiGateway",
    dimensions: { ApiId: apiId, Stage: "$default" },
  });
  return [
    alarm({
      namespace: STATES,
      dimensions: machine,
      key: "workflow-failed",
      metricName: "ExecutionsFailed",
      threshold: 1,
      measures:
        "Executions of the notifier workflow failed (ExecutionsFailed): their messages were not posted.",
      firstStep: "See the execution's error and cause in the state machine's log group.",
    }),
    alarm({
      namespace: STATES,
      dimensions: machine,
      key: "workflow-transitions-throttled",
      metricName: "ExecutionThrottled",
      threshold: 1,
      measures:
        "Step Functions throttled state transitions of running executions (ExecutionThrottled: StateEntered events " +
        "and retries throttled): executions were slowed, not refused; refused starts are start-executions-throttled.",
      firstStep:
        "Look for a burst of executions or a retry loop; the StateTransition quota is per account and region.",
    }),
    ...(standard ? [startExecutionsThrottled()] : []),
    alarm({
      ...api(ids.eventsApiId),
      key: "events-5xx",
      metricName: "5xx",
      threshold: 1,
      measures:
        "The events API answered 5xx (its 5xx metric): the integration could not start the workflow, e.g. API " +
        "Gateway could not assume the start role or Step Functions failed; the bot retries these batches." +
        syncRefusals,
      firstStep: "Read integrationError and integrationStatus in the events API's access log.",
    }),
    alarm({
      ...api(ids.eventsApiId),
      key: "events-4xx-spike",
      metricName: "4xx",
      threshold: 25,
      measures:
        "The events API answered many 4xx (its 4xx metric): 403 for a wrong key or policy or someone probing, 429 " +
        "when the stage's throttling refused a request, or a 4xx Step Functions gave the integration." +
        syncRefusals,
      firstStep: "Group the events API's access log by status, integrationStatus and caller.",
    }),
    alarm({
      ...api(ids.webhookApiId),
      key: "webhook-5xx",
      metricName: "5xx",
      threshold: 1,
      measures:
        "The webhook proxy answered 5xx (its 5xx metric): Discord failed or the webhook URL is wrong.",
      firstStep: "Check the webhook proxy's access log and Discord's status page.",
    }),
    alarm({
      namespace: ids.customNamespace,
      dimensions: {},
      key: "webhook-gone",
      metricName: WEBHOOK_GONE_METRIC,
      threshold: 1,
      measures:
        "Discord says the webhook is gone (404 Unknown Webhook / 401 Invalid Webhook Token; a metric filter on the " +
        "workflow's log counts Stepcord.WebhookGone): its circuit is open and batches are parked in the bot's outbox.",
      firstStep:
        "Create a webhook, `pulumi config set --secret discordWebhookUrl <url>`, `pulumi up`, then close the circuit " +
        "and redeliver (docs/deploy.md, Webhook gone).",
    }),
    alarm({
      namespace: ids.customNamespace,
      dimensions: { ApiId: ids.webhookApiId },
      key: "webhook-429",
      metricName: WEBHOOK_THROTTLED_METRIC,
      threshold: 5,
      measures:
        "Discord answered 429 to the webhook proxy repeatedly (a metric filter on its access log): too many " +
        "messages for one webhook.",
      firstStep: standard
        ? "The workflow backs off and retries them (up to ~135 s); a steady stream means too many messages."
        : "The workflow answers those batches rate-limited and the bot resends them after Discord's retry_after; " +
          "a steady stream means too many messages.",
    }),
    ...(ids.settingsStateMachineArn === undefined ? [] : [settingsFailed(ids.settingsStateMachineArn)]),
  ];
}

/**
 * A failed settings execution wrote nothing: the table could not be read or written (Stepcord.SettingsUnavailable)
 * or two changes of one server collided (Stepcord.SettingsConflict). Refusals (not-allowed, invalid) are answers,
 * not failures, so a member without Manage Server trying the command never fires it.
 */
function settingsFailed(stateMachineArn: string): AlarmSpec {
  return alarm({
    namespace: STATES,
    dimensions: { StateMachineArn: stateMachineArn },
    key: "settings-failed",
    metricName: "ExecutionsFailed",
    threshold: 1,
    measures:
      "Executions of the settings workflow failed (ExecutionsFailed): a /stepcord change was not written and the " +
      "admin was told to run it again.",
    firstStep:
      "See the execution's error in the settings state machine's log group: Stepcord.SettingsUnavailable is the " +
      "table (throttling, IAM), Stepcord.SettingsConflict two changes at the same moment.",
  });
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
        metric("AWS/States", "ExecutionThrottled", machine, "transitions throttled"),
        ...(ids.workflowType === "STANDARD"
          ? [metric("AWS/States", "ThrottledEvents", START_EXECUTION_API, "starts refused (region)")]
          : []),
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
