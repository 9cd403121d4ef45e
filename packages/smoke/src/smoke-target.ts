import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type Credentials, pulumiCliMissingMessage } from "@stepcord/signer";
import { type SettingsGuild, settingsGuildOf } from "./settings-status-call.js";

/** What the smoke check needs from the infra stack's outputs. */
export interface SmokeTarget {
  eventsEndpoint: string;
  region: string;
  stateMachineArn: string;
  /** The bot user's key (`invokerMode: user`); without it the operator's credentials sign the batch. */
  botCredentials: Credentials | undefined;
  /** `POST /settings` (issue 15); undefined when the infra stack predates it, and the settings hop is not checked. */
  settingsEndpoint: string | undefined;
  /** Whose settings the `status` call reads: the first server of the `servers` output, else a placeholder. */
  settingsGuild: SettingsGuild;
}

/** Thrown when the stack's outputs cannot be read or lack what the smoke check needs. */
export class SmokeTargetError extends Error {
  override readonly name = "SmokeTargetError";
  readonly code = "STEPCORD_SMOKE_TARGET";
}

export type StackOutputCommand = (stack: string) => Promise<string>;

/** `pulumi stack output --json --show-secrets`, as packages/bot's STEPCORD_STACK reads it. */
export const pulumiStackOutput: StackOutputCommand = async (stack) =>
  (
    await promisify(execFile)("pulumi", ["stack", "output", "--json", "--show-secrets", "--stack", stack], {
      maxBuffer: 1024 * 1024,
      // `pnpm smoke` runs in packages/smoke; pulumi looks for the project where the user typed the command.
      cwd: process.env.INIT_CWD ?? process.cwd(),
    })
  ).stdout;

/** Pure: the target from the outputs' JSON; every missing output is named at once, never a value. */
export function smokeTargetFromOutputs(json: string, source: string): SmokeTarget {
  let outputs: Record<string, unknown>;
  try {
    outputs = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new SmokeTargetError(
      `${source}: the stack outputs are not JSON; run \`pulumi stack output --json\` to see why`,
    );
  }
  const str = (key: string) => (typeof outputs[key] === "string" ? (outputs[key] as string) : undefined);
  const missing = ["eventsEndpoint", "region", "stateMachineArn"].filter((key) => str(key) === undefined);
  if (missing.length > 0) {
    throw new SmokeTargetError(
      `${source} has no ${missing.join(", ")} output${missing.length > 1 ? "s" : ""}; deploy the infra stack first (pulumi up)`,
    );
  }
  const accessKeyId = str("botAccessKeyId");
  const secretAccessKey = str("botSecretAccessKey");
  return {
    eventsEndpoint: str("eventsEndpoint") as string,
    region: str("region") as string,
    stateMachineArn: str("stateMachineArn") as string,
    botCredentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
    settingsEndpoint: str("settingsEndpoint"),
    settingsGuild: settingsGuildOf(outputs.servers),
  };
}

/** Reads the stack's outputs with the Pulumi CLI. */
export async function readSmokeTarget(
  stack: string,
  command: StackOutputCommand = pulumiStackOutput,
): Promise<SmokeTarget> {
  let json: string;
  try {
    json = await command(stack);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") {
      // The words the bot and the sigv4 CLI use for the same problem.
      throw new SmokeTargetError(
        `stack ${stack}: ${pulumiCliMissingMessage("pulumi", "pass --outputs <file>")}`,
      );
    }
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? "";
    const reason = stderr === "" ? (error as Error).message : stderr;
    throw new SmokeTargetError(
      `stack ${stack}: could not read its outputs (${reason}); run \`pulumi login\` and check the stack's name (\`pulumi stack ls\`)`,
    );
  }
  return smokeTargetFromOutputs(json, `stack ${stack}`);
}
