import { execFile } from "node:child_process";
import { PulumiOutputError } from "./cli-error.js";

/**
 * What the sigv4 CLI and the bot both say when `pulumi` is not on PATH: the fix is installing the CLI (a login does
 * not help), or `alternative` (the URL for the CLI, EVENTS_ENDPOINT for the bot).
 */
export function pulumiCliMissingMessage(command: string, alternative: string): string {
  return `The Pulumi CLI was not found (tried "${command}"): install the Pulumi CLI (https://www.pulumi.com/docs/install/) or ${alternative}.`;
}

/** Reads one output of a stack with `<pulumi> stack output --json --stack <stack>`. */
export function readStackOutput(
  command: string,
  stackName: string,
  output: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      ["stack", "output", "--json", "--stack", stackName],
      { env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
          reject(
            new PulumiOutputError(stackName, output, pulumiCliMissingMessage(command, "pass the URL"), {
              cause: error,
            }),
          );
          return;
        }
        if (error) {
          const detail = String(stderr).trim() || error.message;
          reject(
            new PulumiOutputError(
              stackName,
              output,
              `"${command} stack output --json --stack ${stackName}" failed: ${detail}. Check the stack name and your Pulumi login, or pass the URL.`,
              { cause: error },
            ),
          );
          return;
        }
        let outputs: Record<string, unknown>;
        try {
          outputs = JSON.parse(String(stdout)) as Record<string, unknown>;
        } catch (cause) {
          reject(
            new PulumiOutputError(
              stackName,
              output,
              `"${command} stack output --json" did not print JSON for stack ${stackName}. Pass the URL instead.`,
              { cause },
            ),
          );
          return;
        }
        const value = outputs[output];
        if (typeof value !== "string" || value === "") {
          const names = Object.keys(outputs).join(", ") || "none";
          reject(
            new PulumiOutputError(
              stackName,
              output,
              `Stack ${stackName} has no string output "${output}" (outputs: ${names}). Pass --output NAME or the URL.`,
            ),
          );
          return;
        }
        resolve(value);
      },
    );
  });
}
