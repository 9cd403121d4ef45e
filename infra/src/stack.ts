import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { destinationTable, discordUserAgent, STEPCORD_VERSION, serverDirectory } from "@stepcord/definitions";
import { BotIdentity } from "./components/bot-identity.js";
import { DeliveryLedger } from "./components/delivery-ledger.js";
import { EventsApi } from "./components/events-api.js";
import { Monitoring } from "./components/monitoring.js";
import { NotifierWorkflow } from "./components/notifier-workflow.js";
import { SettingsTable } from "./components/settings-table.js";
import { SettingsWorkflow } from "./components/settings-workflow.js";
import { WebhookProxy } from "./components/webhook-proxy.js";
import type { StepcordConfig } from "./read-config.js";

/** Declares the whole AWS side and returns the outputs whose names are the contract (see docs/architecture.md). */
export function defineStack({ settings, region, servers, everyServerWebhook }: StepcordConfig) {
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
  // The one table the routes, the integrations, the role's grant, the workflow and the bot's directory come from.
  const destinations = destinationTable(servers, everyServerWebhook);

  const webhook = new WebhookProxy(
    "stepcord-webhook",
    {
      destinations,
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
      destinations: destinations.map(({ id, guildId, voiceChannelId }) => ({ id, guildId, voiceChannelId })),
      webhookRoutes: webhook.routes,
    },
    opts,
  );
  // Issue 15: `/stepcord` settings, their own table and EXPRESS workflow behind the events API's POST /settings.
  const settingsTable = new SettingsTable("stepcord-settings", {}, opts);
  const settingsWorkflow = new SettingsWorkflow(
    "stepcord-settings",
    {
      aws: context,
      settingsTableName: settingsTable.tableName,
      settingsTableArn: settingsTable.tableArn,
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
      settingsStateMachineArn: settingsWorkflow.stateMachineArn,
    },
    opts,
  );
  const bot = new BotIdentity(
    "stepcord-bot",
    {
      eventsRouteArn: events.routeArn,
      settingsRouteArn: events.settingsRouteArn,
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
      settingsStateMachineArn: settingsWorkflow.stateMachineArn,
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
    /** Where the bot POSTs a `/stepcord` command as a SettingsCall (issue 15). */
    settingsEndpoint: events.settingsEndpoint,
    eventsApiId: events.apiId,
    webhookApiId: webhook.apiId,
    region: context.region,
    stateMachineArn: workflow.stateMachineArn,
    /** For closing the webhook circuit: see docs/deploy.md, "Webhook gone". */
    deliveryLedgerTable: ledger.tableName,
    settingsStateMachineArn: settingsWorkflow.stateMachineArn,
    /** For reading or undoing a server's settings by hand: see docs/deploy.md. */
    settingsTable: settingsTable.tableName,
    invokerPolicyArn: bot.policyArn,
    botAccessKeyId: bot.accessKeyId,
    botSecretAccessKey: bot.secretAccessKey,
    dashboardUrl: monitoring.dashboardUrl,
    /**
     * Which servers have a destination, their rules, and whether unlisted servers have one (`serverDirectory`): no
     * webhook URL or token, so the bot may read it and subscribe to nothing else.
     */
    servers: pulumi.output(serverDirectory(servers, destinations)),
  };
}
