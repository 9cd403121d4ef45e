import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type NotifierWorkflowType, topicPublishPolicy } from "@stepcord/definitions";
import {
  alarmSpecs,
  dashboardBody,
  dashboardUrl,
  WEBHOOK_GONE_METRIC,
  WEBHOOK_THROTTLED_METRIC,
  webhookGoneFilterPattern,
} from "../monitoring-model.js";
import type { AccountContext } from "./notifier-workflow.js";

export interface MonitoringArgs {
  aws: pulumi.Input<AccountContext>;
  stateMachineArn: pulumi.Input<string>;
  /** The settings workflow's state machine (issue 15): one alarm on its failed executions. */
  settingsStateMachineArn?: pulumi.Input<string> | undefined;
  eventsApiId: pulumi.Input<string>;
  webhookApiId: pulumi.Input<string>;
  /** Decides which Step Functions start API is watched (alarmSpecs). */
  workflowType: NotifierWorkflowType;
  webhookAccessLogGroupName: pulumi.Input<string>;
  /** The workflow's execution log (level ERROR), where parked batches show as Stepcord.WebhookGone failures. */
  workflowLogGroupName: pulumi.Input<string>;
  alarmEmail: string | undefined;
  monthlyBudgetUsd: number;
}

const CUSTOM_NAMESPACE = "Stepcord";
/** Budget notifications: at 80% of actual spend, and when the forecast passes the limit. */
const BUDGET_ALERTS = [
  { threshold: 80, notificationType: "ACTUAL" },
  { threshold: 100, notificationType: "FORECASTED" },
] as const;

/** Alarms on what is billed or broken, an SNS topic (optionally e-mailed), a monthly budget and a dashboard. */
export class Monitoring extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("stepcord:monitoring:Monitoring", name, {}, opts);
    const context = pulumi.output(args.aws);
    const topic = new aws.sns.Topic(`${name}-alerts`, {}, { parent: this });
    new aws.sns.TopicPolicy(
      `${name}-alerts-policy`,
      {
        arn: topic.arn,
        policy: pulumi.all([topic.arn, context]).apply(([topicArn, c]) =>
          JSON.stringify(
            topicPublishPolicy({
              topicArn,
              account: c.account,
              partition: c.partition,
              services: ["cloudwatch.amazonaws.com", "budgets.amazonaws.com"],
            }),
          ),
        ),
      },
      { parent: this },
    );
    if (args.alarmEmail !== undefined) {
      new aws.sns.TopicSubscription(
        `${name}-alerts-email`,
        { topic: topic.arn, protocol: "email", endpoint: args.alarmEmail },
        { parent: this },
      );
    }

    // HTTP APIs publish 4xx but not 429 alone; Discord's rate limits are counted from the proxy's access log.
    new aws.cloudwatch.LogMetricFilter(
      `${name}-webhook-429`,
      {
        logGroupName: args.webhookAccessLogGroupName,
        pattern: '{ $.status = "429" }',
        metricTransformation: {
          namespace: CUSTOM_NAMESPACE,
          name: WEBHOOK_THROTTLED_METRIC,
          value: "1",
          dimensions: { ApiId: "$.apiId" },
          unit: "Count",
        },
      },
      { parent: this },
    );

    // Parked batches (webhook gone, circuit open) are failed executions too; this counts them apart.
    new aws.cloudwatch.LogMetricFilter(
      `${name}-webhook-gone`,
      {
        logGroupName: args.workflowLogGroupName,
        pattern: webhookGoneFilterPattern(),
        metricTransformation: {
          namespace: CUSTOM_NAMESPACE,
          name: WEBHOOK_GONE_METRIC,
          value: "1",
          unit: "Count",
        },
      },
      { parent: this },
    );

    const ids = pulumi
      .all([args.stateMachineArn, args.eventsApiId, args.webhookApiId, args.settingsStateMachineArn])
      .apply(([stateMachineArn, eventsApiId, webhookApiId, settingsStateMachineArn]) => ({
        stateMachineArn,
        settingsStateMachineArn,
        eventsApiId,
        webhookApiId,
        customNamespace: CUSTOM_NAMESPACE,
        workflowType: args.workflowType,
      }));
    // The alarm list is fixed; only dimension values are unknown until deploy, so resources are declared per key.
    const keys = alarmSpecs({
      stateMachineArn: "",
      settingsStateMachineArn: args.settingsStateMachineArn === undefined ? undefined : "",
      eventsApiId: "",
      webhookApiId: "",
      customNamespace: "",
      workflowType: args.workflowType,
    }).map((spec) => spec.key);
    for (const key of keys) {
      const spec = ids.apply((resolved) => {
        const found = alarmSpecs(resolved).find((s) => s.key === key);
        if (!found) throw new Error(`alarm ${key} vanished from alarmSpecs`);
        return found;
      });
      new aws.cloudwatch.MetricAlarm(
        `${name}-${key}`,
        {
          alarmDescription: spec.description,
          namespace: spec.namespace,
          metricName: spec.metricName,
          dimensions: spec.dimensions,
          statistic: spec.statistic,
          period: spec.periodSeconds,
          evaluationPeriods: spec.evaluationPeriods,
          threshold: spec.threshold,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        { parent: this },
      );
    }

    new aws.budgets.Budget(
      `${name}-budget`,
      {
        budgetType: "COST",
        timeUnit: "MONTHLY",
        limitAmount: args.monthlyBudgetUsd.toFixed(2),
        limitUnit: "USD",
        notifications: BUDGET_ALERTS.map((alert) => ({
          comparisonOperator: "GREATER_THAN",
          threshold: alert.threshold,
          thresholdType: "PERCENTAGE",
          notificationType: alert.notificationType,
          subscriberSnsTopicArns: [topic.arn],
          ...(args.alarmEmail === undefined ? {} : { subscriberEmailAddresses: [args.alarmEmail] }),
        })),
      },
      { parent: this },
    );

    const dashboard = new aws.cloudwatch.Dashboard(
      `${name}-dashboard`,
      {
        dashboardName: pulumi.interpolate`${name}-${pulumi.getStack()}`,
        dashboardBody: pulumi
          .all([ids, context])
          .apply(([resolved, c]) => dashboardBody({ ...resolved, region: c.region })),
      },
      { parent: this },
    );
    this.topicArn = topic.arn;
    this.dashboardUrl = pulumi
      .all([context, dashboard.dashboardName])
      .apply(([c, dashboardName]) => dashboardUrl(c.region, dashboardName));
    this.registerOutputs({ topicArn: this.topicArn, dashboardUrl: this.dashboardUrl });
  }
}
