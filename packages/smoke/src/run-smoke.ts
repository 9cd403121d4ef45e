import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import { signedRequest } from "@stepcord/signer";
import { classifyDeliveryOutcome, syncOutcomeOf } from "./classify-delivery-outcome.js";
import { classifyEventsAnswer, executionArnOf, resendAfterMs } from "./classify-events-answer.js";
import { classifyExecution } from "./classify-execution.js";
import {
  classifySettingsAnswer,
  SETTINGS_NOT_DEPLOYED,
  type SettingsVerdict,
} from "./classify-settings-answer.js";
import { allHopsPassed, formatReport } from "./format-report.js";
import { settingsStatusCall } from "./settings-status-call.js";
import { smokeBatch } from "./smoke-batch.js";
import type { SmokeTarget } from "./smoke-target.js";
import { HOPS, type Verdict } from "./verdict.js";
import { type ExecutionReader, waitForExecution } from "./wait-for-execution.js";

export const DEFAULT_POLL_MS = 5_000;
/** Sends of the test batch when an EXPRESS stack answers rate-limited or in-flight, as the bot resends them. */
export const MAX_SENDS = 3;

export interface SmokeOptions {
  target: SmokeTarget;
  /** Reads the result; signs the batch too when the stack has no bot key. */
  operatorCredentials: Credentials | CredentialsProvider;
  reader: Omit<ExecutionReader, "credentials">;
  /**
   * How long a result read from the workflow may take; only answers without the outcome wait. Unset: STANDARD waits
   * its deployed TimeoutSeconds plus a margin (standardSettleMs), an EXPRESS stack still on StartExecution
   * EXPRESS_LOG_SETTLE_MS.
   */
  settleMs?: number;
  /** @default DEFAULT_POLL_MS */
  pollMs?: number;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface SmokeReport {
  ok: boolean;
  verdicts: Verdict[];
  /** The settings route's verdict (issue 15): a signed `status` SettingsCall. */
  settings: SettingsVerdict;
  /** The report as printed: no webhook URL, no key. */
  lines: string[];
}

/**
 * Posts the smoke batch to the deployed events API signed as the bot and returns a verdict per hop: from the answer
 * itself on an EXPRESS stack (StartSyncExecution's response carries the delivery outcome), else from the execution's
 * result (STANDARD: DescribeExecution; an EXPRESS stack still on StartExecution: its log group). Never throws for a failed hop: the report says which and how to fix it.
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  const { target } = options;
  const secrets = target.botCredentials
    ? [target.botCredentials.secretAccessKey, target.botCredentials.accessKeyId]
    : [];
  const verdicts = await notifierVerdicts(options);
  const settings = await settingsVerdict(options);
  const lines = formatReport(verdicts, secrets, settings);
  return { ok: allHopsPassed(verdicts, settings), verdicts, settings, lines };
}

/**
 * The settings hop: one signed `status` SettingsCall to POST /settings, as the bot sends `/stepcord status`. It writes
 * nothing and needs no member authority (decision 0019), so it is safe on every deploy.
 */
async function settingsVerdict(options: SmokeOptions): Promise<SettingsVerdict> {
  const { target } = options;
  if (target.settingsEndpoint === undefined) return SETTINGS_NOT_DEPLOYED;
  try {
    const response = await signedRequest(target.settingsEndpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(settingsStatusCall(target.settingsGuild.guildId)),
      credentials: target.botCredentials ?? options.operatorCredentials,
      region: target.region,
      service: "execute-api",
    });
    const answer = { status: response.statusCode, body: await response.body.text() };
    return classifySettingsAnswer(answer, target.settingsGuild, target.botCredentials ? "bot" : "operator");
  } catch (error) {
    const unreachable = unreachableEventsApi(error);
    if (unreachable === undefined) throw error;
    return {
      result: "fail",
      summary: unreachable.summary.replace("events endpoint", "settings endpoint"),
      fix: "the settingsEndpoint output is stale (the API was deleted or replaced) or this machine cannot reach it: run `pulumi up` and check the network",
    };
  }
}

/** The notifier's hops: the smoke batch through POST /events, the workflow, the webhook API and Discord. */
async function notifierVerdicts(options: SmokeOptions): Promise<Verdict[]> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const { target } = options;
  const batch = smokeBatch({ now: now() });
  const send = async () => {
    const response = await signedRequest(target.eventsEndpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(batch),
      credentials: target.botCredentials ?? options.operatorCredentials,
      region: target.region,
      service: "execute-api",
    });
    return { status: response.statusCode, body: await response.body.text() };
  };
  let answer: { status: number; body: string };
  try {
    answer = await send();
    // The same batch (same id) again after the wait the workflow asked for: nothing is posted twice.
    for (let sends = 1; sends < MAX_SENDS; sends += 1) {
      const waitMs = resendAfterMs(answer);
      if (waitMs === undefined) break;
      await sleep(waitMs);
      answer = await send();
    }
  } catch (error) {
    const unreachable = unreachableEventsApi(error);
    if (unreachable === undefined) throw error;
    return [unreachable];
  }
  const acceptedAt = now();
  const verdicts: Verdict[] = [classifyEventsAnswer(answer, target.botCredentials ? "bot" : "operator")];
  const executionArn = executionArnOf(answer);
  // EXPRESS: StartSyncExecution's answer carries the outcome, so nothing waits for the logs (decision 0026).
  const outcome = syncOutcomeOf(answer);
  if (outcome !== undefined && verdicts[0]?.ok) {
    verdicts.push(classifyDeliveryOutcome(outcome));
  } else if (answer.status === 200 && executionArn && verdicts[0]?.ok) {
    const observation = await waitForExecution({
      reader: { ...options.reader, credentials: options.operatorCredentials },
      stateMachineArn: target.stateMachineArn,
      executionArn,
      acceptedAt,
      settleMs: options.settleMs,
      pollMs: options.pollMs ?? DEFAULT_POLL_MS,
      now,
      sleep,
    });
    verdicts.push(classifyExecution(observation));
  }
  return verdicts;
}

/** Codes of a connection that never got an HTTP answer (Node's net and dns, undici's connect timeout). */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/** The events API hop's verdict when nothing answered at the endpoint; undefined for any other error (a bug). */
function unreachableEventsApi(error: unknown): Verdict | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string" || !UNREACHABLE_CODES.has(code)) return undefined;
  return {
    hop: HOPS.eventsApi,
    ok: false,
    summary: `nothing answered at the events endpoint (${code})`,
    fix: "the eventsEndpoint output is stale (the API was deleted or replaced) or this machine cannot reach it: run `pulumi up` and check the network",
  };
}
