// Prints what infra/index.ts declares under Pulumi mocks as sorted JSON lines of {urn, inputs} with inputs as a
// SHA-256 of their canonical JSON: the before-picture test/settings-upgrade.test.ts compares a run against.
// Run: node --import tsx infra/test/harness/dump-urns.ts > infra/test/golden/<name>.json

import { inputsDigest } from "./inputs-digest.js";
import { runProgram } from "./program.js";

const program = await runProgram();
const rows = program.resources
  .map((r) => ({ urn: r.urn, inputs: inputsDigest(r.inputs) }))
  .sort((a, b) => a.urn.localeCompare(b.urn));
process.stdout.write(`${JSON.stringify(rows, null, 1)}\n`);
process.exit(0);
