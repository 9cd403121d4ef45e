import { SETTINGS_HOP, type SettingsVerdict } from "./classify-settings-answer.js";
import { redact } from "./redact.js";
import { SMOKE_NOTE } from "./smoke-batch.js";
import { HOP_ORDER, type Verdict } from "./verdict.js";

/**
 * Whether every hop passed: the last hop has a passing verdict and no verdict failed; the settings hop, when given,
 * did not fail ("not checked" is no failure: the stack predates it).
 */
export function allHopsPassed(verdicts: readonly Verdict[], settings?: SettingsVerdict): boolean {
  const last = HOP_ORDER.at(-1);
  return verdicts.every((v) => v.ok) && verdicts.some((v) => v.hop === last) && settings?.result !== "fail";
}

/**
 * Pure: one line per hop, in order, then the outcome. A verdict vouches for every hop up to its own: a pass for all
 * of them, a failure for the hops before it (the call got past them). Hops after a failure are "not reached". Every
 * line goes through `redact` with the given secrets.
 */
export function formatReport(
  verdicts: readonly Verdict[],
  secrets: readonly string[],
  settings?: SettingsVerdict,
): string[] {
  const lines = [`stepcord smoke check: one silent message "... ${SMOKE_NOTE}" (no mentions, no push)`];
  let failed = false;
  HOP_ORDER.forEach((hop, index) => {
    const verdict = verdicts.find((v) => HOP_ORDER.indexOf(v.hop) >= index);
    if (failed || verdict === undefined) {
      lines.push(`  -- ${hop}: not reached`);
    } else if (verdict.hop !== hop) {
      lines.push(`PASS ${hop}`);
    } else {
      lines.push(`${verdict.ok ? "PASS" : "FAIL"} ${hop}: ${verdict.summary}`);
      if (verdict.fix) lines.push(`     fix: ${verdict.fix}`);
      failed = !verdict.ok;
    }
  });
  if (settings !== undefined) {
    const label = { pass: "PASS", fail: "FAIL", "not-checked": "  -- NOT CHECKED" }[settings.result];
    lines.push(`${label} ${SETTINGS_HOP}: ${settings.summary}`);
    if (settings.fix) lines.push(`     fix: ${settings.fix}`);
  }
  lines.push(allHopsPassed(verdicts, settings) ? "smoke check passed" : "smoke check FAILED");
  return lines.map((line) => redact(line, secrets));
}
