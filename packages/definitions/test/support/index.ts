// `@stepcord/definitions/testing`: evaluators and runners for tests only. iam-simulate is AGPL, so nothing outside
// test code may import this entry point; runtime code uses pbac (MIT) through the local stack.

export type { TestLedger } from "./ledger.js";
export { startTestLedger, startTestSettingsTable, TEST_LEDGER_TABLE, TEST_SETTINGS_TABLE } from "./ledger.js";
export { pbacAllows } from "./pbac.js";
export type { InvokeCall, InvokeHandler } from "./run-notifier.js";
export {
  apiGatewayError,
  okResponse,
  runNotifier,
  testDefinition,
  WEBHOOK_API_HOST,
} from "./run-notifier.js";
export { runSettings, testSettingsDefinition } from "./run-settings.js";
export type { Decision } from "./simulate.js";
export {
  ACCOUNT,
  assumeRoleDecision,
  identityDecision,
  SimulationRefusedError,
  trustDecision,
} from "./simulate.js";
export { aslValidatorProblems, languageServiceProblems } from "./validate-asl.js";
