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
export type { RoutedDestination } from "./asl/destination-choice.js";
export {
  DESTINATION_PATH,
  DESTINATION_STATES,
  destinationCircuitKey,
  destinationStates,
  MIXED_SERVERS_ERROR,
  routeStateName,
} from "./asl/destination-choice.js";
export type { EpochClockArgs, EpochClockTables } from "./asl/epoch-clock.js";
export { CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR, epochClockStates, epochClockTables } from "./asl/epoch-clock.js";
export type { EventPhrase } from "./asl/event-phrases.js";
export { EMBED_COLORS, EVENT_PHRASES, formatExpression } from "./asl/event-phrases.js";
export type { MemberAuthorityArgs } from "./asl/member-authority.js";
export {
  MEMBER_AUTHORITY_START,
  memberAuthorityStates,
} from "./asl/member-authority.js";
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
export type { SettingsDefinitionArgs } from "./asl/settings-definition.js";
export {
  SETTINGS_ERRORS,
  SETTINGS_STATES,
  SETTINGS_TIMEOUT_SECONDS,
  SETTINGS_WRITE_CONDITION,
  settingsDefinition,
  settingsTaskResources,
} from "./asl/settings-definition.js";
export type { TimeBudget } from "./asl/time-budget.js";
export {
  TimeBudgetExceededError,
  taskWorstCaseSeconds,
  UnboundedTimeBudgetError,
  worstCaseSeconds,
} from "./asl/time-budget.js";
export type { LogRetentionDays } from "./aws/log-retention-days.js";
export { LOG_RETENTION_DAYS } from "./aws/log-retention-days.js";
export type {
  ApplicationCommandDefinition,
  CommandLocale,
  CommandOption,
  Localizations,
  OptionChoice,
} from "./discord/commands/application-command.js";
export {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  OptionType,
} from "./discord/commands/application-command.js";
export type { BulkOverwriteArgs, BulkOverwriteRequest } from "./discord/commands/bulk-overwrite-request.js";
export { bulkOverwriteRequest } from "./discord/commands/bulk-overwrite-request.js";
export { canonicalJson, commandDefinitionHash, needsRegistration } from "./discord/commands/command-hash.js";
export {
  CLOCK_TIME_MAX_LENGTH,
  DURATION_MAX_LENGTH,
  EVENT_KINDS_MAX_LENGTH,
  MAX_PAUSE_MS,
  MIN_MEMBERS_RANGE,
  MIN_PAUSE_MS,
  TIME_ZONE_MAX_LENGTH,
} from "./discord/commands/settings-limits.js";
export type { SettingsSubcommand } from "./discord/commands/stepcord-command.js";
export {
  SETTINGS_SUBCOMMANDS,
  SettingsOption,
  STEPCORD_COMMAND_NAME,
  stepcordCommand,
} from "./discord/commands/stepcord-command.js";
export { InvalidSnowflakeError } from "./discord/invalid-snowflake-error.js";
export { InvalidWebhookUrlError } from "./discord/invalid-webhook-url-error.js";
export { canManageGuild, MANAGE_GUILD_PERMISSION, Permission } from "./discord/permissions.js";
export { describeSettingsChange } from "./discord/settings/describe-settings-change.js";
export { ECHO_MAX_CHARACTERS, escapeUserText } from "./discord/settings/escape-user-text.js";
export {
  ALL_EVENT_KINDS_WORD,
  EVENT_KIND_HELP_WORDS,
  EVENT_KIND_WORDS,
} from "./discord/settings/event-kind-words.js";
export type {
  AutocompleteResponse,
  DeferredEphemeralResponse,
  EphemeralMessageResponse,
} from "./discord/settings/interaction-response.js";
export {
  autocompleteResult,
  deferredEphemeral,
  EPHEMERAL_FLAG,
  ephemeralMessage,
  InteractionCallbackType,
  NO_MENTIONS,
} from "./discord/settings/interaction-response.js";
export { parseClockTime } from "./discord/settings/parse-clock-time.js";
export { parseDuration } from "./discord/settings/parse-duration.js";
export type { ParseSettingsOptions } from "./discord/settings/parse-settings-interaction.js";
export { InteractionType, parseSettingsInteraction } from "./discord/settings/parse-settings-interaction.js";
export type { QuietWindow } from "./discord/settings/quiet-hours.js";
export { isWithinQuietHours } from "./discord/settings/quiet-hours.js";
export type {
  InteractionContext,
  SettingsChange,
  SettingsInteraction,
  SettingsRequest,
  StatusRequest,
} from "./discord/settings/settings-change.js";
export type { SettingsCommandErrorCode } from "./discord/settings/settings-command-error.js";
export { SettingsCommandError } from "./discord/settings/settings-command-error.js";
export {
  knownTimeZones,
  MAX_AUTOCOMPLETE_CHOICES,
  resolveTimeZone,
  timeZoneSuggestions,
} from "./discord/settings/time-zones.js";
export { DISCORD_EPOCH_MS, snowflakeTimeMs } from "./discord/snowflake-time.js";
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
  settingsTablePolicy,
  startExecutionPolicy,
  startSyncExecutionPolicy,
  topicPublishPolicy,
  workflowLogDeliveryPolicy,
} from "./iam/policies.js";
export type { PolicyDocument, PolicyStatement } from "./iam/policy-document.js";
export { policyDocument } from "./iam/policy-document.js";
export {
  checkRoleInlinePolicySize,
  MAX_ROLE_INLINE_POLICY_CHARS,
  rolePolicyChars,
} from "./iam/role-policy-size.js";
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
export { destinationRoute, EVENTS_ROUTE, routeKey, SETTINGS_ROUTE, WEBHOOK_ROUTE } from "./routes.js";
export type { Destination, PublicDestination, ServerDirectory } from "./servers/destination-table.js";
export {
  destinationFor,
  destinationTable,
  EVERY_SERVER_DESTINATION_ID,
  serverDirectory,
} from "./servers/destination-table.js";
export type { EventKind, ServerRulesInput } from "./servers/server-rules.js";
export { EVENT_KINDS, minutesOfDay, QuietHours, ServerRules, TimeZone } from "./servers/server-rules.js";
export type { ServerConfig, ServersConfig } from "./servers/servers-config.js";
export { serversConfigSchema } from "./servers/servers-config.js";
export type { MemberPermissionsSplit } from "./settings/member-permissions-split.js";
export { memberPermissionsSplit, PERMISSIONS_LOW_DIGITS } from "./settings/member-permissions-split.js";
export {
  noServerSettings,
  SETTINGS_SCHEMA_VERSION,
  ServerSettings,
  SettingsAnswer,
  SettingsCall,
  SettingsRequestWire,
  settingsRequestWire,
} from "./settings/settings-call.js";
export type { AttributeValue, SettingsItem } from "./settings/settings-item.js";
export {
  InvalidSettingsItemError,
  SETTINGS_ITEM_ATTRIBUTES,
  serverSettingsOfItem,
  settingsItem,
} from "./settings/settings-item.js";
export {
  guildSettingsKey,
  INTERACTION_RECORD_TTL_SECONDS,
  interactionKey,
  SETTINGS_CALL_TIMEOUT_SECONDS,
  SETTINGS_KEY_ATTRIBUTE,
  SETTINGS_TABLE_ACTIONS,
  SETTINGS_TTL_ATTRIBUTE,
  settingsCreateTableInput,
} from "./settings/settings-table.js";
