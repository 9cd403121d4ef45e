export type { AwsJsonCall } from "./aws-json-call.js";
export { AwsCallError, awsJsonCall, serviceEndpoint } from "./aws-json-call.js";
export {
  CLOSE_CIRCUIT_COMMAND,
  classifyDeliveryOutcome,
  syncOutcomeOf,
} from "./classify-delivery-outcome.js";
export type { SignedAs } from "./classify-events-answer.js";
export { classifyEventsAnswer, executionArnOf } from "./classify-events-answer.js";
export { classifyExecution } from "./classify-execution.js";
export type { SettingsVerdict } from "./classify-settings-answer.js";
export {
  classifySettingsAnswer,
  SETTINGS_HOP,
  SETTINGS_NOT_DEPLOYED,
} from "./classify-settings-answer.js";
export type { SmokeCliContext } from "./cli/run-smoke-cli.js";
export { notCheckedLine, runSmokeCli, SMOKE_EXIT, SMOKE_USAGE } from "./cli/run-smoke-cli.js";
export { allHopsPassed, formatReport } from "./format-report.js";
export { redact } from "./redact.js";
export type { SmokeOptions, SmokeReport } from "./run-smoke.js";
export { DEFAULT_POLL_MS, runSmoke } from "./run-smoke.js";
export type { SettingsGuild } from "./settings-status-call.js";
export { settingsGuildOf, settingsStatusCall } from "./settings-status-call.js";
export type { SmokeBatchOptions } from "./smoke-batch.js";
export { SMOKE_IDS, SMOKE_NOTE, smokeBatch } from "./smoke-batch.js";
export type { SmokeTarget, StackOutputCommand } from "./smoke-target.js";
export {
  pulumiStackOutput,
  readSmokeTarget,
  SmokeTargetError,
  smokeTargetFromOutputs,
} from "./smoke-target.js";
export type { EventsAnswer, ExecutionObservation, Hop, Verdict } from "./verdict.js";
export { HOP_ORDER, HOPS } from "./verdict.js";
export type { ExecutionReader, WaitForExecutionOptions } from "./wait-for-execution.js";
export {
  EXPRESS_LOG_SETTLE_MS,
  logGroupNameOf,
  STANDARD_SETTLE_MARGIN_MS,
  standardSettleMs,
  waitForExecution,
} from "./wait-for-execution.js";
