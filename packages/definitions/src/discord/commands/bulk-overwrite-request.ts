import { InvalidSnowflakeError } from "../invalid-snowflake-error.js";
import type { ApplicationCommandDefinition } from "./application-command.js";

export interface BulkOverwriteArgs {
  applicationId: string;
  /** Omit for global commands; the guild's id for commands registered to that guild only. */
  guildId?: string;
  commands: readonly ApplicationCommandDefinition[];
}

export interface BulkOverwriteRequest {
  method: "PUT";
  /** Relative to https://discord.com/api/v10. */
  path: string;
  body: readonly ApplicationCommandDefinition[];
}

const SNOWFLAKE = /^[0-9]{1,20}$/;

/**
 * The one request that registers stepcord's commands (application-commands.mdx, "Bulk Overwrite Global Application
 * Commands" / "... Guild Application Commands"): PUT of the whole list, which Discord answers 200 with the stored
 * commands. A bulk overwrite rather than POST per command, so a command dropped from the list is deleted too.
 */
export function bulkOverwriteRequest(args: BulkOverwriteArgs): BulkOverwriteRequest {
  for (const [field, value] of [
    ["applicationId", args.applicationId],
    ["guildId", args.guildId],
  ] as const)
    if (value !== undefined && !SNOWFLAKE.test(value)) throw new InvalidSnowflakeError(field, value);
  const scope = args.guildId === undefined ? "" : `/guilds/${args.guildId}`;
  return { method: "PUT", path: `/applications/${args.applicationId}${scope}/commands`, body: args.commands };
}
