/** Re-exported from @stepcord/definitions, where every program reads it. */
export { STEPCORD_VERSION } from "@stepcord/definitions";
export { ACCESS_LOG_FORMAT } from "./access-log-format.js";
export type { BotIdentityArgs } from "./components/bot-identity.js";
export { BotIdentity } from "./components/bot-identity.js";
export type { EventsApiArgs } from "./components/events-api.js";
export { EventsApi } from "./components/events-api.js";
export type { MonitoringArgs } from "./components/monitoring.js";
export { Monitoring } from "./components/monitoring.js";
export type { AccountContext, NotifierWorkflowArgs } from "./components/notifier-workflow.js";
export { NotifierWorkflow } from "./components/notifier-workflow.js";
export type { WebhookProxyArgs } from "./components/webhook-proxy.js";
export { WebhookProxy } from "./components/webhook-proxy.js";
export type { InvokerMode, WorkflowType } from "./config.js";
export {
  DEFAULTS,
  INVOKER_MODES,
  InvalidConfigError,
  LOG_RETENTION_DAYS,
  loadSettings,
  StepcordSettings,
  WORKFLOW_TYPES,
} from "./config.js";
export type { AlarmSpec, MonitoredIds } from "./monitoring-model.js";
export { alarmSpecs, dashboardBody, dashboardUrl } from "./monitoring-model.js";
