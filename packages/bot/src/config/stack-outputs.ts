import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { ServerDirectory } from "@stepcord/definitions";
import { pulumiCliMissingMessage } from "@stepcord/signer";
import { errorMessage } from "../error-message.js";
import { ConfigError } from "./config-error.js";
import { parseServerDirectory } from "./server-directory.js";

export interface StackOutputs {
  endpoint: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** The `servers` output (issue 14); undefined for a stack that predates it: every guild, the environment's rules. */
  servers: ServerDirectory | undefined;
}

export type StackCommand = (stack: string) => Promise<string>;

export const pulumiStackOutput: StackCommand = async (stack) =>
  (await promisify(execFile)("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", stack]))
    .stdout;

/** Reads eventsEndpoint/botAccessKeyId/botSecretAccessKey/servers from `pulumi stack output --json`. */
export async function readStackOutputs(
  stack: string,
  command: StackCommand = pulumiStackOutput,
): Promise<StackOutputs> {
  let outputs: Record<string, unknown>;
  try {
    outputs = JSON.parse(await command(stack)) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new ConfigError([
        `STEPCORD_STACK=${stack}: ${pulumiCliMissingMessage("pulumi", "set EVENTS_ENDPOINT instead")}`,
      ]);
    throw new ConfigError([
      `STEPCORD_STACK=${stack}: could not read pulumi stack outputs (${errorMessage(error)}); run \`pulumi login\` or set EVENTS_ENDPOINT instead`,
    ]);
  }
  if (typeof outputs.eventsEndpoint !== "string") {
    throw new ConfigError([
      `STEPCORD_STACK=${stack} has no eventsEndpoint output; deploy the infra stack or set EVENTS_ENDPOINT`,
    ]);
  }
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    endpoint: outputs.eventsEndpoint,
    accessKeyId: str(outputs.botAccessKeyId),
    secretAccessKey: str(outputs.botSecretAccessKey),
    servers:
      outputs.servers === undefined
        ? undefined
        : parseServerDirectory(outputs.servers, `STEPCORD_STACK=${stack} output servers`),
  };
}
