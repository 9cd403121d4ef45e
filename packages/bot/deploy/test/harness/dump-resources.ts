// Prints what packages/bot/deploy/index.ts declares under Pulumi mocks as JSON of {type, name, physicalName}, for
// checks outside this package (the GitHub deploy role must be allowed to create every one of them).
// Run: node --import tsx packages/bot/deploy/test/harness/dump-resources.ts
import { runBotProgram } from "./program.js";

const program = await runBotProgram();
const rows = program.resources.map((r) => ({
  type: r.type,
  name: r.name,
  physicalName: typeof r.inputs.name === "string" ? r.inputs.name : null,
}));
process.stdout.write(`${JSON.stringify(rows)}\n`);
process.exit(0);
