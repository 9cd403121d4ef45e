import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { discordUserAgent, STEPCORD_VERSION } from "@stepcord/definitions";
import { BotIdentity } from "./components/bot-identity.js";
import { DeliveryLedger } from "./components/delivery-ledger.js";
import { EventsApi } from "./components/events-api.js";
import { Monitoring } from "./components/monitoring.js";
import { NotifierWorkflow } from "./components/notifier-workflow.js";
import { WebhookProxy } from "./components/webhook-proxy.js";
import type { StepcordSettings } from "./config.js";

export interface StackInputs {
  settings: StepcordSettings;
  /** The validated webhook URL, already wrapped as a secret. */
  webhookUrl: pulumi.Output<string>;
  region: string;
}

/** Declares the whole AWS side and returns the outputs whose names are the contract (see docs/architecture.md). */
export function defineStack({ settings, webhookUrl, region }: StackInputs) {
  const tags = { project: "stepcord", stack: pulumi.getStack(), "managed-by": "pulumi" };
  const provider = new aws.Provider("stepcord-aws", { region: region as aws.Region, defaultTags: { tags } });
  const opts = { providers: [provider] };
  const invokeOpts = { provider };
  const context = pulumi
    .all([
      aws.getPartitionOutput({}, invokeOpts),
      aws.getCallerIdentityOutput({}, invokeOpts),
      aws.getRegionOutput({}, invokeOpts),
    ])
    .apply(([partition, identity, currentRegion]) => ({
      partition: partition.partition,
      account: identity.accountId,
      region: currentRegion.region,
    }));
  const throttling = { ratePerSecond: settings.throttleRatePerSecond, burst: settings.throttleBurst };

  const webhook = new WebhookProxy(
    "stepcord-webhook",
    {
      webhookUrl,
      userAgent: discordUserAgent(settings.repoUrl, STEPCORD_VERSION),
      region: context.region,
      throttling,
      logRetentionDays: settings.logRetentionDays,
    },
    opts,
  );
  const ledger = new DeliveryLedger("stepcord-ledger", {}, opts);
  const workflow = new NotifierWorkflow(
    "stepcord-notifier",
    {
      aws: context,
      webhookApiId: webhook.apiId,
      webhookApiHost: webhook.host,
      ledgerTableName: ledger.tableName,
      ledgerTableArn: ledger.tableArn,
      workflowType: settings.workflowType,
      logRetentionDays: settings.logRetentionDays,
      logExecutionData: settings.logExecutionData,
      permissionsBoundary: settings.permissionsBoundaryArn,
    },
    opts,
  );
  const events = new EventsApi(
    "stepcord-events",
    {
      aws: context,
      stateMachineArn: workflow.stateMachineArn,
      workflowType: settings.workflowType,
      throttling,
      logRetentionDays: settings.logRetentionDays,
      permissionsBoundary: settings.permissionsBoundaryArn,
    },
    opts,
  );
  const bot = new BotIdentity(
    "stepcord-bot",
    {
      eventsRouteArn: events.routeArn,
      // STANDARD answers only {executionArn}: the bot asks DescribeExecution for the outcome (decision 0028).
      stateMachineArn: settings.workflowType === "STANDARD" ? workflow.stateMachineArn : undefined,
      mode: settings.invokerMode,
      attachToUsers: settings.invokerUsers,
      attachToRoles: settings.invokerRoles,
      permissionsBoundary: settings.permissionsBoundaryArn,
    },
    opts,
  );
  const monitoring = new Monitoring(
    "stepcord-monitoring",
    {
      aws: context,
      stateMachineArn: workflow.stateMachineArn,
      eventsApiId: events.apiId,
      webhookApiId: webhook.apiId,
      workflowType: settings.workflowType,
      webhookAccessLogGroupName: webhook.accessLogGroupName,
      workflowLogGroupName: workflow.logGroupName,
      alarmEmail: settings.alarmEmail,
      monthlyBudgetUsd: settings.monthlyBudgetUsd,
    },
    opts,
  );

  return {
    eventsEndpoint: events.endpoint,
    eventsApiId: events.apiId,
    webhookApiId: webhook.apiId,
    region: context.region,
    stateMachineArn: workflow.stateMachineArn,
    /** For closing the webhook circuit: see docs/deploy.md, "Webhook gone". */
    deliveryLedgerTable: ledger.tableName,
    invokerPolicyArn: bot.policyArn,
    botAccessKeyId: bot.accessKeyId,
    botSecretAccessKey: bot.secretAccessKey,
    dashboardUrl: monitoring.dashboardUrl,
  };
}
