export { IAM_POLICY_ARN, KMS_KEY_ARN, ssmParameterArn } from "./arn/arn-patterns.js";
export type { ExecuteApiArnParts, HttpMethod } from "./arn/execute-api-arn.js";
export { DEFAULT_STAGE, executeApiArn, HTTP_METHODS } from "./arn/execute-api-arn.js";
export type { ExecuteApiHostParts } from "./arn/execute-api-host.js";
export { executeApiHost, executeApiUrl } from "./arn/execute-api-host.js";
export { InvalidArnPartError } from "./arn/invalid-arn-part-error.js";
export type { AslDefinition, AslState, Retrier } from "./asl/asl.js";
export {
  CIRCUIT_KEY,
  CLAIM_CONDITION,
  CLAIM_LEASE_MARGIN_SECONDS,
  CLAIM_OWNER_ATTRIBUTE,
  CLOCK_RESOLUTION_SECONDS,
  claimLeaseSeconds,
  DYNAMODB_DELETE_ITEM_RESOURCE,
  DYNAMODB_GET_ITEM_RESOURCE,
  DYNAMODB_PUT_ITEM_RESOURCE,
  DYNAMODB_UPDATE_ITEM_RESOURCE,
  LEDGER_ACTIONS,
  LEDGER_CALL_TIMEOUT_SECONDS,
  LEDGER_KEY_ATTRIBUTE,
  LEDGER_TTL_ATTRIBUTE,
  LEDGER_TTL_SECONDS,
  ledgerCreateTableInput,
  OWNER_CONDITION,
  RELEASE_CONDITION,
} from "./asl/delivery-ledger.js";
export type { EpochClockArgs, EpochClockTables } from "./asl/epoch-clock.js";
export { CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR, epochClockStates, epochClockTables } from "./asl/epoch-clock.js";
export type { EventPhrase } from "./asl/event-phrases.js";
export { EMBED_COLORS, EVENT_PHRASES, formatExpression } from "./asl/event-phrases.js";
export type {
  NotifierDefinitionArgs,
  NotifierRetry,
  NotifierWorkflowType,
} from "./asl/notifier-definition.js";
export {
  API_GATEWAY_INVOKE_RESOURCE,
  EXPRESS_TIMEOUT_SECONDS,
  LEDGER_TASK_STATES,
  NOTIFIER_ERRORS,
  NOTIFIER_STATES,
  notifierDefinition,
  notifierTaskResources,
  POST_TIMEOUT_SECONDS,
  RATE_LIMITED_ERROR,
  RETRYABLE_API_GATEWAY_ERRORS,
  STANDARD_TIMEOUT_SECONDS,
  SUPPRESS_NOTIFICATIONS_FLAG,
  UNCLEAR_POST_ERRORS,
  WEBHOOK_GONE_DISCORD_CODES,
  WEBHOOK_GONE_ERRORS,
} from "./asl/notifier-definition.js";
export type { TimeBudget } from "./asl/time-budget.js";
export {
  TimeBudgetExceededError,
  taskWorstCaseSeconds,
  UnboundedTimeBudgetError,
  worstCaseSeconds,
} from "./asl/time-budget.js";
export type { LogRetentionDays } from "./aws/log-retention-days.js";
export { LOG_RETENTION_DAYS } from "./aws/log-retention-days.js";
export { InvalidWebhookUrlError } from "./discord/invalid-webhook-url-error.js";
export { discordUserAgent } from "./discord/user-agent.js";
export type { DiscordWebhook, ParseWebhookUrlOptions } from "./discord/webhook-url.js";
export { DISCORD_API_VERSION, parseDiscordWebhookUrl, redactWebhookUrl } from "./discord/webhook-url.js";
export type { WildcardFinding } from "./iam/policies.js";
export {
  ACTIONS_WITHOUT_RESOURCE_LEVEL_PERMISSIONS,
  describeExecutionsPolicy,
  executionsArnPattern,
  findWildcardAllows,
  invokePolicy,
  invokerPolicy,
  LOG_DELIVERY_ACTIONS,
  ledgerPolicy,
  serviceTrustPolicy,
  startExecutionPolicy,
  startSyncExecutionPolicy,
  topicPublishPolicy,
  workflowLogDeliveryPolicy,
} from "./iam/policies.js";
export type { PolicyDocument, PolicyStatement } from "./iam/policy-document.js";
export { policyDocument } from "./iam/policy-document.js";
export type {
  AccountScope,
  AssumeRoleSource,
  ServiceAssumeRoleFacts,
  SourceKey,
  TrustedService,
} from "./iam/service-assume-role.js";
export { assumeRoleRequestContext, SERVICE_ASSUME_ROLE } from "./iam/service-assume-role.js";
export type { StartExecutionIntegration, WebhookProxyIntegration } from "./integrations.js";
export {
  EVENTS_INTEGRATION_TIMEOUT_MS,
  startExecutionIntegration,
  WEBHOOK_QUERY,
  WEBHOOK_TIMEOUT_MS,
  webhookIntegrationUri,
  webhookProxyIntegration,
  webhookProxyRequestParameters,
} from "./integrations.js";
export {
  ECS_TASK_EXECUTION_POLICY_NAME,
  ECS_TASKS_SERVICE,
  ecsExecutionRoleTrustPolicy,
  ecsTaskExecutionPolicyArn,
} from "./project/ecs-task.js";
export {
  DEFAULT_REPO_URL,
  PULUMI_PROJECTS,
  qualifiedStackName,
  STEPCORD_VERSION,
} from "./project/project.js";
export type { Route } from "./routes.js";
export { EVENTS_ROUTE, routeKey, WEBHOOK_ROUTE } from "./routes.js";
