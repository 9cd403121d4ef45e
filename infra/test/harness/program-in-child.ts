import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type ProgramView, programView } from "./program.js";

const CHILD = fileURLToPath(new URL("./program-child.ts", import.meta.url));
const PACKAGE_DIR = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Runs infra/index.ts under mocks in a fresh Node process with this config, and hands back what it declared. Pulumi's
 * runtime (config, mocks) is global to a process, so comparing two configs (a preview's before and after) takes two.
 */
export function runProgramInChild(config: Record<string, string>, secretKeys: string[]): ProgramView {
  const result = spawnSync(process.execPath, ["--import", "tsx", CHILD], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, STEPCORD_TEST_PROGRAM: JSON.stringify({ config, secretKeys }) },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`the program failed under mocks (exit ${result.status}):\n${result.stderr}`);
  }
  return programView(JSON.parse(result.stdout));
}
