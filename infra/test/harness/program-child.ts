// Runs the program under mocks with the config in STEPCORD_TEST_PROGRAM and prints its snapshot as JSON; see
// program-in-child.ts.
import { runProgram } from "./program.js";

const { config, secretKeys } = JSON.parse(process.env.STEPCORD_TEST_PROGRAM ?? "{}") as {
  config: Record<string, string>;
  secretKeys: string[];
};
const program = await runProgram(config, secretKeys);
const { resources, outputs, secretOutputs } = program;
process.stdout.write(`${JSON.stringify({ resources, outputs, secretOutputs })}\n`);
process.exit(0);
