import type { LocalStack } from "@stepcord/local";
import { type SmokeOptions, type SmokeTarget, settingsGuildOf } from "../../src/index.js";

/** The local stack as the smoke check sees a deployed one: its outputs and its read endpoints. */
export function localTarget(stack: LocalStack, bot = stack.identities.bot): SmokeTarget {
  return {
    eventsEndpoint: stack.eventsEndpoint,
    region: stack.region,
    stateMachineArn: stack.stateMachineArn,
    botCredentials: { accessKeyId: bot.accessKeyId, secretAccessKey: bot.secretAccessKey },
    settingsEndpoint: stack.settingsEndpoint,
    settingsGuild: settingsGuildOf(stack.serverDirectory),
  };
}

/**
 * Options whose clock moves only when the test lets it: each sleep first waits until the workflow has run to the
 * end, then advances the clock. So "no failure logged by the deadline" is decided after the execution finished,
 * never by a race with real time.
 */
export function localSmokeOptions(stack: LocalStack, target = localTarget(stack)): SmokeOptions {
  // Starts at the real time: the local log entries carry the real time the execution stopped.
  let clock = Date.now();
  return {
    target,
    operatorCredentials: {
      accessKeyId: stack.identities.operator.accessKeyId,
      secretAccessKey: stack.identities.operator.secretAccessKey,
    },
    reader: {
      region: stack.region,
      stepFunctionsEndpoint: stack.stepFunctionsEndpoint,
      logsEndpoint: stack.logsEndpoint,
    },
    settleMs: 10_000,
    pollMs: 5_000,
    now: () => new Date(clock),
    sleep: async (ms) => {
      await stack.runner.idle();
      clock += ms;
    },
  };
}
