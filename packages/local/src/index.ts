export type { ApiGatewayInvokeOptions, InvokeParameters } from "./api-gateway-invoke.js";
export { ApiGatewayError, apiGatewayInvokeHandler } from "./api-gateway-invoke.js";
export { Authorizer } from "./authorizer.js";
export type { DynamoDbAction } from "./dynamodb-task.js";
export { DynamoDbTaskError, dynamoDbAction, dynamoDbTaskHandler } from "./dynamodb-task.js";
export type { EmulatedRoute, HttpApiEmulatorOptions, RunningHttpApi } from "./http-api-emulator.js";
export { startHttpApi } from "./http-api-emulator.js";
export type {
  LocalIdentities,
  LocalIdentity,
  LocalIdentityOverrides,
  LocalServiceRoles,
  ServiceRoleTrustOverrides,
} from "./local-account.js";
export {
  LOCAL_ACCOUNT,
  LOCAL_EVENTS_API_ID,
  LOCAL_EVENTS_ROUTE_ARN,
  LOCAL_EVENTS_START_ROLE_ARN,
  LOCAL_LEDGER_TABLE,
  LOCAL_LEDGER_TABLE_ARN,
  LOCAL_REGION,
  LOCAL_SETTINGS_ROLE_ARN,
  LOCAL_SETTINGS_ROUTE_ARN,
  LOCAL_SETTINGS_STATE_MACHINE_ARN,
  LOCAL_SETTINGS_TABLE,
  LOCAL_SETTINGS_TABLE_ARN,
  LOCAL_STATE_MACHINE_ARN,
  LOCAL_WEBHOOK_API_ID,
  LOCAL_WEBHOOK_HOST,
  LOCAL_WEBHOOK_ROUTE_ARN,
  LOCAL_WORKFLOW_LOG_GROUP,
  LOCAL_WORKFLOW_LOG_GROUP_ARN,
  LOCAL_WORKFLOW_ROLE_ARN,
  localIdentities,
  localServiceRoles,
} from "./local-account.js";
export {
  InvalidLocalServersError,
  localDestinationRouteArns,
  localDestinationTable,
  readLocalServersFile,
} from "./local-destinations.js";
export type { LocalLedger } from "./local-ledger.js";
export { startLocalLedger } from "./local-ledger.js";
export type { LocalPortName, LocalPorts } from "./local-ports.js";
export { InvalidLocalPortError, LOCAL_PORT_VARIABLES, localPortsFromEnv } from "./local-ports.js";
export type { LocalStack, LocalStackOptions } from "./local-stack.js";
export { startLocalStack } from "./local-stack.js";
export { executionLogEntries, startLogsApi } from "./logs-api.js";
export type { LocalServiceRole } from "./service-role.js";
export { serviceMayAssume, WorkflowRoleNotAssumableError } from "./service-role.js";
export type { ExecutionRecord, HistoryEvent, TaskHandler, WorkflowRunnerOptions } from "./workflow-runner.js";
export { taskStateNames, UnsupportedDefinitionError, WorkflowRunner } from "./workflow-runner.js";
