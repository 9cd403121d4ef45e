import { createHash } from "node:crypto";
import type { ApplicationCommandDefinition } from "./application-command.js";

/** JSON with object keys sorted at every depth, so two equal definitions written in a different key order agree. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A stable SHA-256 (hex) of the command list a bulk overwrite would send. Registration compares it with the hash it
 * stored after the last successful PUT and overwrites only when they differ. Re-sending unchanged commands is not
 * free even though only "Commands that do not already exist will count toward daily application command create
 * limits" (application-commands.mdx, "Bulk Overwrite Global Application Commands"; 200 creates per day per guild):
 * the PUT is a rate-limited request at every start of every shard, and a changed definition is the one case worth
 * the call. Array order counts (options are shown in it); key order does not.
 */
export function commandDefinitionHash(commands: readonly ApplicationCommandDefinition[]): string {
  return createHash("sha256").update(canonicalJson(commands)).digest("hex");
}

/** Whether a bulk overwrite is due: nothing registered yet, or the definition changed since. */
export function needsRegistration(
  commands: readonly ApplicationCommandDefinition[],
  registeredHash: string | undefined,
): boolean {
  return registeredHash !== commandDefinitionHash(commands);
}
