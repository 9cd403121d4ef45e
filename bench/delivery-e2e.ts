// bench/delivery.ts's raid, kill and replay end to end: the real bot → SigV4 → the local stack's events API
// (StartSyncExecution, EXPRESS) → the notifier ASL in aws-local-stepfunctions with its ledger on dynalite → the webhook
// API (SigV4 + IAM) → the stricter fake Discord (5 per 2 s per webhook, 30 per 60 s per channel). Each scenario runs
// first against the workflow stand-in, then through the local stack, in the same process, and prints both
// (`--only=<target>` runs one).
// Run from the repository root:
//   node --import tsx bench/delivery-e2e.ts raid [events] [seconds]   # 500 voice changes in 10 s
//   node --import tsx bench/delivery-e2e.ts sustained                 # 5,000 changes over 5 minutes, 20 channels
//   node --import tsx bench/delivery-e2e.ts kill [n] [events]         # SIGKILL at a random point of a raid, n trials (3)
//   node --import tsx bench/delivery-e2e.ts shared                    # guilds A and B, 250 changes each in 10 s
//   node --import tsx bench/delivery-e2e.ts replay [batches]          # delivered batches, each signed request sent again
import { killTrials, replay, report, run, shared } from "./delivery-scenarios.js";
import type { TargetName } from "./delivery-targets.js";

// `--only=local-stack` (or `--only=stand-in`) runs one of the two, e.g. for more SIGKILL trials through the stack.
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
const TARGETS = (["stand-in", "local-stack"] as TargetName[]).filter((t) => only === undefined || t === only);
const args = process.argv.filter((a) => !a.startsWith("--"));
const mode = args[2] ?? "raid";
const arg = (i: number, fallback: number) => Number(args[i] ?? fallback);

if (mode === "raid") {
  const events = arg(3, 500);
  const durationMs = arg(4, 10) * 1000;
  for (const target of TARGETS)
    report(
      `raid: ${events} voice changes in ${durationMs / 1000} s, one guild, one channel`,
      await run(target, events, durationMs, 1),
      durationMs,
    );
} else if (mode === "sustained") {
  for (const target of TARGETS)
    report(
      "sustained: 5,000 voice changes over 5 min across 20 voice channels",
      await run(target, 5_000, 300_000, 20),
      300_000,
    );
} else if (mode === "kill") {
  const trials = arg(3, 3);
  const events = arg(4, 500);
  for (const target of TARGETS) await killTrials(target, trials, events, 10_000);
} else if (mode === "shared") {
  for (const target of TARGETS) await shared(target, 250, 10_000);
} else if (mode === "replay") {
  const batches = arg(3, 100);
  for (const target of TARGETS) await replay(target, batches);
} else throw new Error(`Unknown mode ${mode}. Must be raid, sustained, kill, shared or replay.`);
process.exit(0);
