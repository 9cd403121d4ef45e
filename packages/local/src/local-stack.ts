import {
  DEFAULT_REPO_URL,
  type Destination,
  destinationRoute,
  discordUserAgent,
  EVENTS_ROUTE,
  invokePolicy,
  LEDGER_TASK_STATES,
  ledgerPolicy,
  NOTIFIER_STATES,
  type NotifierRetry,
  type NotifierWorkflowType,
  notifierDefinition,
  type PolicyDocument,
  type PublicDestination,
  parseDiscordWebhookUrl,
  SETTINGS_ROUTE,
  type ServerDirectory,
  STEPCORD_VERSION,
  settingsDefinition,
  WEBHOOK_ROUTE,
} from "@stepcord/definitions";
import {
  type FakeDiscordWebhook,
  type FakeWebhookOptions,
  startFakeDiscordWebhook,
} from "@stepcord/fake-discord/webhook";
import { type Logger, pino } from "pino";
import { apiGatewayInvokeHandler } from "./api-gateway-invoke.js";
import { Authorizer } from "./authorizer.js";
import { dynamoDbAction, dynamoDbTaskHandler } from "./dynamodb-task.js";
import { startHttpApi } from "./http-api-emulator.js";
import {
  LOCAL_ACCOUNT,
  LOCAL_EVENTS_API_ID,
  LOCAL_LEDGER_TABLE_ARN,
  LOCAL_REGION,
  LOCAL_SETTINGS_STATE_MACHINE_ARN,
  LOCAL_STATE_MACHINE_ARN,
  LOCAL_WEBHOOK_API_ID,
  LOCAL_WEBHOOK_HOST,
  LOCAL_WORKFLOW_LOG_GROUP,
  LOCAL_WORKFLOW_LOG_GROUP_ARN,
  type LocalIdentities,
  type LocalServiceRoles,
  localIdentities,
  localServiceRoles,
  type ServiceRoleTrustOverrides,
} from "./local-account.js";
import { localDestinationRouteArns, localServers } from "./local-destinations.js";
import { type LocalLedger, startLocalLedger } from "./local-ledger.js";
import { startLogsApi } from "./logs-api.js";
import { serviceMayAssume, WorkflowRoleNotAssumableError } from "./service-role.js";
import { startExecutionTarget, startSyncExecutionTarget } from "./start-execution-target.js";
import { startStepFunctionsApi } from "./stepfunctions-api.js";
import { webhookProxyTarget } from "./webhook-proxy-target.js";
import { type TaskHandler, WorkflowRunner } from "./workflow-runner.js";

export interface LocalStackOptions {
  /**
   * A real Discord webhook URL; without it (and without `servers`) a fake Discord webhook is started. With `servers`
   * it is the every-server destination, as `stepcord:discordWebhookUrl` is on a deployed stack.
   */
  discordWebhookUrl?: string;
  /**
   * Per-server destinations in `stepcord:servers`' shape (issue 14; loopback webhook URLs allowed): the webhook API
   * then serves one route per destination, `POST /destinations/<id>`, each proxied to its own webhook (and thread),
   * and the workflow chooses the route per batch, as deployed. Left out: the single route `POST /`.
   */
  servers?: unknown;
  fakeWebhook?: FakeWebhookOptions;
  ports?: { events?: number; webhook?: number; stepFunctions?: number; logs?: number; ledger?: number };
  /**
   * The webhook proxy's integration timeout. Tests shorten it to see a hang answered 504 without waiting 10 s.
   * @default WEBHOOK_TIMEOUT_MS, the `timeoutMilliseconds` infra deploys
   */
  webhookTimeoutMs?: number;
  /**
   * EXPRESS: the events API runs the workflow synchronously and answers with its outcome (StartSyncExecution);
   * STANDARD: it starts the workflow and answers at once (StartExecution). @default "EXPRESS", as infra deploys
   */
  workflowType?: NotifierWorkflowType;
  /** Milliseconds between the ASL's retries (AWS waits seconds). @default 100 */
  retryIntervalMs?: number;
  retry?: NotifierRetry;
  repoUrl?: string;
  /**
   * Replaces the state machine role's policies (see `localIdentities`), built with the same builders.
   * @default the webhook invoke policy NotifierWorkflow deploys
   */
  workflowRolePolicies?: PolicyDocument[];
  /**
   * Replaces the trust policies of the roles AWS services assume (see `localServiceRoles`), e.g. to show a condition
   * on a key API Gateway never sends refusing every `POST /events`, as on AWS.
   * @default the trust policies the Pulumi program deploys
   */
  serviceRoleTrust?: ServiceRoleTrustOverrides;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

export interface LocalStack {
  region: string;
  /** `http://127.0.0.1:<port>/events`, what the bot's EVENTS_ENDPOINT points to. */
  eventsEndpoint: string;
  /** `http://127.0.0.1:<port>/settings` on the same events API: where the bot POSTs a `SettingsCall` (issue 15). */
  settingsEndpoint: string;
  /** The settings workflow (EXPRESS, started synchronously by `POST /settings`). */
  settingsStateMachineArn: string;
  settingsRunner: WorkflowRunner;
  webhookApiUrl: string;
  stepFunctionsEndpoint: string;
  /** CloudWatch Logs (FilterLogEvents on the workflow's log group), where Express results are read on AWS. */
  logsEndpoint: string;
  stateMachineArn: string;
  identities: LocalIdentities;
  /** The roles API Gateway and Step Functions assume, with their trust policies. */
  serviceRoles: LocalServiceRoles;
  runner: WorkflowRunner;
  /** The destinations the webhook API serves (without their webhooks); undefined for the single route. */
  destinations: PublicDestination[] | undefined;
  /**
   * What the Pulumi program exports as the `servers` output, for the bot's STEPCORD_SERVERS_FILE; undefined for the
   * single route (the bot then serves every server).
   */
  serverDirectory: ServerDirectory | undefined;
  /** The delivery ledger on dynalite: `aws dynamodb --endpoint-url <ledger.endpoint>` reads it. */
  ledger: LocalLedger;
  /** Set when no real webhook URL was given. */
  fakeWebhook: FakeDiscordWebhook | undefined;
  /** `KEY=value` lines for `eval` or a `.env` file. */
  /**
   * What the bot needs to post through this stack, as environment variables: the events endpoint (the settings route
   * is found beside it), the region, and the bot identity's key. The demo (both its evening and its live mode) and tests start the bot
   * with it, and `envLines` prints it.
   */
  botEnv(): Record<"EVENTS_ENDPOINT" | "AWS_REGION" | "AWS_ACCESS_KEY_ID" | "AWS_SECRET_ACCESS_KEY", string>;
  envLines(): string[];
  close(): Promise<void>;
}

/**
 * The whole AWS side on one machine, built from the same builders as the Pulumi program: the events API (SigV4 + IAM
 * → StartSyncExecution for EXPRESS, StartExecution for STANDARD), the delivery ledger on dynalite, the notifier ASL in aws-local-stepfunctions, the webhook API (SigV4 + IAM → HTTP proxy to
 * Discord or the fake webhook) and a Step Functions API subset.
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const logger = options.logger ?? pino({ level: "silent" });
  const routed =
    options.servers === undefined ? undefined : localServers(options.servers, options.discordWebhookUrl);
  const table: Destination[] | undefined = routed?.table;
  // Routed, the role may invoke exactly the destinations' routes: the same builders as NotifierWorkflow's policy.
  const workflowRolePolicies =
    options.workflowRolePolicies ??
    (table === undefined
      ? undefined
      : [invokePolicy(localDestinationRouteArns(table)), ledgerPolicy(LOCAL_LEDGER_TABLE_ARN)]);
  const identities = localIdentities(options.env, {
    ...(workflowRolePolicies ? { workflowRolePolicies } : {}),
    ...(options.workflowType ? { workflowType: options.workflowType } : {}),
  });
  const serviceRoles = localServiceRoles(options.serviceRoleTrust);
  // Step Functions assumes the role with its account and the state machine's ARN; CreateStateMachine refuses a role
  // it cannot assume, so the local stack refuses to start.
  const machine = { account: LOCAL_ACCOUNT, arn: LOCAL_STATE_MACHINE_ARN };
  if (!serviceMayAssume(serviceRoles.workflow, "states.amazonaws.com", machine))
    throw new WorkflowRoleNotAssumableError(serviceRoles.workflow.arn);
  const settingsMachine = { account: LOCAL_ACCOUNT, arn: LOCAL_SETTINGS_STATE_MACHINE_ARN };
  if (!serviceMayAssume(serviceRoles.settings, "states.amazonaws.com", settingsMachine))
    throw new WorkflowRoleNotAssumableError(serviceRoles.settings.arn);
  const authorizer = new Authorizer();
  const all = [identities.bot, identities.workflowRole, identities.settingsRole, identities.operator];
  const fakeWebhook =
    options.discordWebhookUrl === undefined && table === undefined
      ? await startFakeDiscordWebhook(options.fakeWebhook ?? {})
      : undefined;
  // Plain-http loopback URLs are accepted for any webhook here, not only the fake started below: a test may serve its
  // own Discord stand-in (faults, hangs) from outside this process. Deployed stacks never take them. The fake's URL
  // is the one a user copies from Discord (unversioned), which the stack rewrites to /api/v10/ as a deployment does.
  const webhookUrl =
    table === undefined
      ? parseDiscordWebhookUrl(options.discordWebhookUrl ?? fakeWebhook?.copiedWebhookUrl, {
          allowLoopback: true,
        }).url
      : undefined;
  const userAgent = discordUserAgent(options.repoUrl ?? DEFAULT_REPO_URL, STEPCORD_VERSION);
  const timeout = options.webhookTimeoutMs === undefined ? {} : { timeoutMs: options.webhookTimeoutMs };

  const closers: (() => Promise<void>)[] = [];
  const workflowType = options.workflowType ?? "EXPRESS";
  try {
    const ledger = await startLocalLedger(
      options.ports?.ledger === undefined ? {} : { port: options.ports.ledger },
    );
    closers.push(ledger.close);

    const webhookApi = await startHttpApi({
      name: "webhook",
      apiId: LOCAL_WEBHOOK_API_ID,
      region: LOCAL_REGION,
      identities: all,
      authorizer,
      logger,
      ...(options.ports?.webhook === undefined ? {} : { port: options.ports.webhook }),
      // One route and one HTTP_PROXY integration per destination, each holding its own webhook URL, as deployed.
      routes:
        table === undefined
          ? [
              {
                ...WEBHOOK_ROUTE,
                integration: webhookProxyTarget({ webhookUrl: String(webhookUrl), userAgent, ...timeout }),
              },
            ]
          : table.map((d) => ({
              ...destinationRoute(d.id),
              integration: webhookProxyTarget({
                webhookUrl: d.webhook.url,
                userAgent,
                ...(d.threadId === undefined ? {} : { threadId: d.threadId }),
                ...timeout,
              }),
            })),
    });
    closers.push(webhookApi.close);

    const invoke = apiGatewayInvokeHandler({
      endpoints: new Map([[LOCAL_WEBHOOK_HOST, webhookApi.url]]),
      credentials: {
        accessKeyId: identities.workflowRole.accessKeyId,
        secretAccessKey: identities.workflowRole.secretAccessKey,
        ...(identities.workflowRole.sessionToken
          ? { sessionToken: identities.workflowRole.sessionToken }
          : {}),
      },
      region: LOCAL_REGION,
      logger,
    });
    const definition = notifierDefinition({
      webhookApiHost: LOCAL_WEBHOOK_HOST,
      ledgerTableName: ledger.tableName,
      workflowType,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(table === undefined
        ? {}
        : {
            destinations: table.map(({ id, guildId, voiceChannelId }) => ({ id, guildId, voiceChannelId })),
          }),
    });
    const ledgerHandlers = Object.fromEntries(
      LEDGER_TASK_STATES.filter((state) => state in definition.States).map((state) => [
        state,
        dynamoDbTaskHandler(
          ledger.client,
          dynamoDbAction(String(definition.States[state]?.Resource)),
          (action, table) =>
            authorizer.allows(
              identities.workflowRole,
              action,
              `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${table}`,
            ),
        ) as TaskHandler,
      ]),
    );
    const runner = new WorkflowRunner({
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      definition,
      taskHandlers: { ...ledgerHandlers, [NOTIFIER_STATES.post]: invoke as TaskHandler },
      retryIntervalMs: options.retryIntervalMs ?? 100,
      logger,
    });

    // Issue 15: the settings workflow, its Tasks on the settings table as its own role (never the ledger).
    const settings = settingsDefinition({ settingsTableName: ledger.settingsTableName });
    const settingsRunner = new WorkflowRunner({
      stateMachineArn: LOCAL_SETTINGS_STATE_MACHINE_ARN,
      definition: settings,
      taskHandlers: Object.fromEntries(
        Object.entries(settings.States)
          .filter(([, state]) => state.Type === "Task")
          .map(([name, state]) => [
            name,
            dynamoDbTaskHandler(ledger.client, dynamoDbAction(String(state.Resource)), (action, table) =>
              authorizer.allows(
                identities.settingsRole,
                action,
                `arn:aws:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${table}`,
              ),
            ) as TaskHandler,
          ]),
      ),
      logger,
    });
    const apiArn = `arn:aws:apigateway:${LOCAL_REGION}::/apis/${LOCAL_EVENTS_API_ID}`;

    const eventsApi = await startHttpApi({
      name: "events",
      apiId: LOCAL_EVENTS_API_ID,
      region: LOCAL_REGION,
      identities: all,
      authorizer,
      logger,
      ...(options.ports?.events === undefined ? {} : { port: options.ports.events }),
      routes: [
        {
          ...EVENTS_ROUTE,
          integration: (workflowType === "EXPRESS" ? startSyncExecutionTarget : startExecutionTarget)(
            runner,
            {
              role: serviceRoles.eventsStart,
              account: LOCAL_ACCOUNT,
              apiArn,
              logger,
            },
          ),
        },
        {
          // Always synchronous: the bot waits for the answer to edit its deferred reply (decision 0019).
          ...SETTINGS_ROUTE,
          integration: startSyncExecutionTarget(settingsRunner, {
            role: serviceRoles.eventsSettings,
            account: LOCAL_ACCOUNT,
            apiArn,
            logger,
          }),
        },
      ],
    });
    closers.push(eventsApi.close);

    const stepFunctionsApi = await startStepFunctionsApi({
      runner,
      stateMachineName: "stepcord-notifier",
      workflowType,
      roleArn: identities.workflowRole.arn,
      logGroupArn: LOCAL_WORKFLOW_LOG_GROUP_ARN,
      identities: all,
      authorizer,
      region: LOCAL_REGION,
      logger,
      ...(options.ports?.stepFunctions === undefined ? {} : { port: options.ports.stepFunctions }),
    });
    closers.push(stepFunctionsApi.close);

    const logsApi = await startLogsApi({
      runner,
      logGroupName: LOCAL_WORKFLOW_LOG_GROUP,
      logGroupArn: LOCAL_WORKFLOW_LOG_GROUP_ARN,
      identities: all,
      authorizer,
      region: LOCAL_REGION,
      logger,
      ...(options.ports?.logs === undefined ? {} : { port: options.ports.logs }),
    });
    closers.push(logsApi.close);

    const eventsEndpoint = `${eventsApi.url}${EVENTS_ROUTE.path}`;
    const botEnv = () => ({
      EVENTS_ENDPOINT: eventsEndpoint,
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: identities.bot.accessKeyId,
      AWS_SECRET_ACCESS_KEY: identities.bot.secretAccessKey,
    });
    const settingsEndpoint = `${eventsApi.url}${SETTINGS_ROUTE.path}`;
    return {
      region: LOCAL_REGION,
      eventsEndpoint,
      settingsEndpoint,
      settingsStateMachineArn: LOCAL_SETTINGS_STATE_MACHINE_ARN,
      settingsRunner,
      webhookApiUrl: webhookApi.url,
      stepFunctionsEndpoint: stepFunctionsApi.url,
      logsEndpoint: logsApi.url,
      stateMachineArn: LOCAL_STATE_MACHINE_ARN,
      identities,
      serviceRoles,
      runner,
      destinations: table?.map(({ webhook: _secret, ...rest }) => rest),
      serverDirectory: routed?.directory,
      ledger,
      fakeWebhook,
      botEnv,
      envLines: () => [
        ...Object.entries(botEnv()).map(([name, value]) => `${name}=${value}`),
        `SETTINGS_ENDPOINT=${settingsEndpoint}`,
        `STEPFUNCTIONS_ENDPOINT=${stepFunctionsApi.url}`,
        `LOGS_ENDPOINT=${logsApi.url}`,
        `STEPCORD_LEDGER_ENDPOINT=${ledger.endpoint}`,
        `STEPCORD_LEDGER_TABLE=${ledger.tableName}`,
        `STEPCORD_SETTINGS_TABLE=${ledger.settingsTableName}`,
        ...(fakeWebhook ? [`WEBHOOK_MESSAGES_URL=${fakeWebhook.messagesUrl}`] : []),
        // The aws CLI v1 reads only AWS_DEFAULT_REGION; v2 and the SDKs read AWS_REGION.
        `AWS_DEFAULT_REGION=${LOCAL_REGION}`,
        `STEPCORD_OPERATOR_ACCESS_KEY_ID=${identities.operator.accessKeyId}`,
        `STEPCORD_OPERATOR_SECRET_ACCESS_KEY=${identities.operator.secretAccessKey}`,
      ],
      async close() {
        await runner.idle();
        await settingsRunner.idle();
        for (const close of closers.reverse()) await close();
        await fakeWebhook?.close();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close();
    await fakeWebhook?.close();
    throw error;
  }
}
