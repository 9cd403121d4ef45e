import { randomUUID } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type ApplicationCommandDefinition,
  bulkOverwriteRequest,
  commandDefinitionHash,
  needsRegistration,
  stepcordCommand,
} from "@stepcord/definitions";
import type { REST } from "discord.js";
import type { Logger } from "pino";

/** Beside the outbox: what this deployment last registered, so an unchanged definition costs no call. */
// No .json: every *.json in the outbox directory is a batch (Outbox.init).
export const REGISTERED_COMMANDS_FILE = "registered-commands";

/** The file's content: the hash is of the definition sent (decision 0018), for one application and scope. */
interface Registered {
  applicationId: string;
  scope: "global";
  hash: string;
}

export interface RegisterCommandsOptions {
  rest: Pick<REST, "put">;
  applicationId: string;
  /** STEPCORD_OUTBOX_DIR. */
  stateDir: string;
  logger: Logger;
  /** @default [stepcordCommand()] */
  commands?: readonly ApplicationCommandDefinition[];
}

async function readRegistered(file: string): Promise<Registered | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as Partial<Registered>;
    return typeof parsed.hash === "string" && typeof parsed.applicationId === "string"
      ? { applicationId: parsed.applicationId, scope: "global", hash: parsed.hash }
      : undefined;
  } catch {
    // Missing or unreadable: registering again is the safe side, it costs one call and no daily create.
    return undefined;
  }
}

/**
 * Registers `/stepcord` as a global command (decision 0048) with one bulk overwrite, only when the definition this
 * version sends differs from the one last registered for this application (`needsRegistration`), and then stores its
 * hash. Returns what it did; throws what discord.js's REST threw.
 */
export async function registerCommands(
  options: RegisterCommandsOptions,
): Promise<"registered" | "unchanged"> {
  const commands = options.commands ?? [stepcordCommand()];
  const file = join(options.stateDir, REGISTERED_COMMANDS_FILE);
  const stored = await readRegistered(file);
  const storedHash = stored?.applicationId === options.applicationId ? stored.hash : undefined;
  if (!needsRegistration(commands, storedHash)) {
    options.logger.info({ scope: "global" }, "/stepcord is registered already, unchanged");
    return "unchanged";
  }
  const request = bulkOverwriteRequest({ applicationId: options.applicationId, commands });
  await options.rest.put(request.path as `/${string}`, { body: request.body });
  const registered: Registered = {
    applicationId: options.applicationId,
    scope: "global",
    hash: commandDefinitionHash(commands),
  };
  // Written whole or not at all: a torn file would read as "never registered", which only costs one more call.
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(registered));
  await rename(temporary, file);
  options.logger.info({ scope: "global", commands: commands.length }, "registered /stepcord");
  return "registered";
}
