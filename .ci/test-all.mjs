// Runs every workspace package's tests one package at a time, streams their output, and closes with one
// line CI can read: "tests: N passed, N failed, N skipped". Exits non-zero when anything failed, when a
// package's runner failed without a summary, or when no test ran at all (a vacuous pass is a failure).
// A watchdog kills the run when it prints nothing for STEPCORD_TEST_SILENCE_S seconds (default 300): a test
// process kept alive by a leaked timer or socket must fail CI with a reason, not hang it until CI's limit.
import { spawn } from "node:child_process";
import { relabel } from "./test-output.mjs";

// --stream prefixes each line with its package's directory; relabel() turns that into a header per package.
const child = spawn("pnpm", ["-r", "--workspace-concurrency=1", "--stream", "test"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: process.env,
  detached: true,
});

const silenceLimitMs = Number(process.env.STEPCORD_TEST_SILENCE_S ?? 300) * 1000;
let lastOutputAt = Date.now();
let lastLine = "";
let killedBySilence = false;
const watchdog = setInterval(() => {
  if (Date.now() - lastOutputAt < silenceLimitMs) return;
  killedBySilence = true;
  console.log(
    `\nstepcord: no test output for ${silenceLimitMs / 1000} s; killing the run. Last line: ${JSON.stringify(lastLine)}`,
  );
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}, 1000);

const totals = { passed: 0, failed: 0, skipped: 0 };
// mocha closes with "  12 passing (3s)", "  1 failing", "  2 pending"; pnpm may prefix the package name.
const SUMMARY = /^(?:\S+ test: )?\s*(\d+) (passing|failing|pending)(?: \([^)]*\))?\s*$/;
const pending = new Map();
const relabelLine = relabel();
const ESC = String.fromCharCode(27);
const stripColours = (line) =>
  line
    .split(ESC)
    .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, "")))
    .join("");

function scan(chunk, sink) {
  lastOutputAt = Date.now();
  const lines = ((pending.get(sink) ?? "") + chunk.toString("utf8")).split("\n");
  pending.set(sink, lines.pop() ?? "");
  for (const raw of lines) {
    const line = relabelLine(raw);
    sink.write(`${line}\n`);
    if (line.trim()) lastLine = line.trim();
    const match = SUMMARY.exec(stripColours(line));
    if (!match) continue;
    const count = Number(match[1]);
    if (match[2] === "passing") totals.passed += count;
    else if (match[2] === "failing") totals.failed += count;
    else totals.skipped += count;
  }
}

// The run is its own process group (so the watchdog can kill it whole); pass Ctrl-C and SIGTERM on to it.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      child.kill(signal);
    }
  });
}

child.stdout.on("data", (chunk) => scan(chunk, process.stdout));
child.stderr.on("data", (chunk) => scan(chunk, process.stderr));
child.on("close", (code) => {
  clearInterval(watchdog);
  for (const [sink, rest] of pending) if (rest !== "") sink.write(`${relabelLine(rest)}\n`);
  if (killedBySilence) totals.failed += 1;
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  if (code !== 0)
    console.log(`stepcord: a package's test run exited with code ${code}; see its output above.`);
  if (totals.passed === 0) console.log("stepcord: no test ran; that is a failure, not a pass.");
  process.exit(code !== 0 || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
});
