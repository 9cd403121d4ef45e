// Runs every workspace package's tests one package at a time, streams their output, and closes with one
// line CI can read: "tests: N passed, N failed, N skipped". Exits non-zero when anything failed, when a
// package's runner failed without a summary, or when no test ran at all (a vacuous pass is a failure).
import { spawn } from "node:child_process";

const child = spawn("pnpm", ["-r", "--workspace-concurrency=1", "--reporter=append-only", "test"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: process.env,
});

const totals = { passed: 0, failed: 0, skipped: 0 };
// mocha closes with "  12 passing (3s)", "  1 failing", "  2 pending"; pnpm may prefix the package name.
const SUMMARY = /^(?:\S+ test: )?\s*(\d+) (passing|failing|pending)(?: \([^)]*\))?\s*$/;
let pending = "";

function scan(chunk, sink) {
  sink.write(chunk);
  pending += chunk.toString("utf8");
  const lines = pending.split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    const match = SUMMARY.exec(line.replace(/\x1b\[[0-9;]*m/g, ""));
    if (!match) continue;
    const count = Number(match[1]);
    if (match[2] === "passing") totals.passed += count;
    else if (match[2] === "failing") totals.failed += count;
    else totals.skipped += count;
  }
}

child.stdout.on("data", (chunk) => scan(chunk, process.stdout));
child.stderr.on("data", (chunk) => scan(chunk, process.stderr));
child.on("close", (code) => {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  if (code !== 0) console.log(`stepcord: a package's test run exited with code ${code}; see its output above.`);
  if (totals.passed === 0) console.log("stepcord: no test ran; that is a failure, not a pass.");
  process.exit(code !== 0 || totals.failed > 0 || totals.passed === 0 ? 1 : 0);
});
