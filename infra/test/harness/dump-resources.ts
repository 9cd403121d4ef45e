// Prints what infra/index.ts declares under Pulumi mocks as JSON lines of {type, name, physicalName}, for checks that
// live outside this package (the GitHub deploy role must be allowed to create every one of them).
// Run: node --import tsx infra/test/harness/dump-resources.ts
import { runProgram } from "./program.js";

const program = await runProgram();
const rows = program.resources.map((r) => ({
  type: r.type,
  name: r.name,
  physicalName: typeof r.inputs.name === "string" ? r.inputs.name : null,
}));
process.stdout.write(`${JSON.stringify(rows)}\n`);
process.exit(0);
