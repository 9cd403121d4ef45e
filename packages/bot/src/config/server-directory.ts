import { readFile } from "node:fs/promises";
import { type PublicDestination, type ServerDirectory, ServerRules } from "@stepcord/definitions";
import { Snowflake } from "@stepcord/events";
import { z } from "zod";
import { errorMessage } from "../error-message.js";
import { ConfigError } from "./config-error.js";

/** One destination as the stack output `servers` lists it: no webhook, no token (serverDirectory strips them). */
const Destination = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,80}$/, "must be 1-80 letters, digits or dashes, as destinationTable makes it"),
  // JSON drops a key whose value is undefined, and some writers put null: both mean "none".
  guildId: Snowflake.nullish(),
  voiceChannelId: Snowflake.nullish(),
  threadId: Snowflake.nullish(),
  rateLimitKey: z.string().min(1, "must name what Discord rate-limits the destination by (its webhook id)"),
});

/**
 * The server directory (`serverDirectory()` of @stepcord/definitions) as the bot reads it back: the infra stack's
 * `servers` output, or a file holding the same JSON. Unknown keys are dropped, not refused: a newer stack may add some.
 */
const Directory = z
  .object({
    destinations: z.array(Destination),
    rules: z.record(Snowflake, ServerRules),
    everyServer: z.boolean({ message: "must be true or false: whether unlisted servers have a destination" }),
  })
  .superRefine((directory, ctx) => {
    const seen = new Set<string>();
    for (const [i, { id }] of directory.destinations.entries()) {
      if (seen.has(id))
        ctx.addIssue({
          code: "custom",
          path: ["destinations", i, "id"],
          message: `repeats ${id}; each destination id is unique`,
        });
      seen.add(id);
    }
    const fallback = directory.destinations.some((d) => d.guildId === undefined || d.guildId === null);
    if (fallback !== directory.everyServer)
      ctx.addIssue({
        code: "custom",
        path: ["everyServer"],
        message: directory.everyServer
          ? "is true but no destination is without a guildId; write the stack's servers output unchanged"
          : "is false but a destination without a guildId serves every server; write the stack's servers output unchanged",
      });
  });

const FIX = "it must hold the infra stack's servers output (pulumi stack output servers --json)";

/**
 * Checks a server directory read from `where` (a stack output or a file, named in every problem), listing every
 * problem at once. JSON text is parsed first.
 */
export function parseServerDirectory(raw: unknown, where: string): ServerDirectory {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new ConfigError([`${where}: not JSON (${errorMessage(error)}); ${FIX}`]);
    }
  }
  const parsed = Directory.safeParse(value);
  if (!parsed.success)
    throw new ConfigError(
      parsed.error.issues.map((i) => `${where}: ${i.path.join(".") || "(top)"}: ${i.message}`),
    );
  return {
    destinations: parsed.data.destinations.map(
      (d): PublicDestination => ({
        id: d.id,
        guildId: d.guildId ?? undefined,
        voiceChannelId: d.voiceChannelId ?? undefined,
        threadId: d.threadId ?? undefined,
        rateLimitKey: d.rateLimitKey,
      }),
    ),
    rules: parsed.data.rules,
    everyServer: parsed.data.everyServer,
  };
}

/** STEPCORD_SERVERS_FILE: the directory from a file, for the local stack, the demo, and hosts without the Pulumi CLI. */
export async function readServersFile(path: string): Promise<ServerDirectory> {
  const where = `STEPCORD_SERVERS_FILE=${path}`;
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      throw new ConfigError([
        `${where}: no such file; write the infra stack's servers output there (pulumi stack output servers --json > ${path}) or unset STEPCORD_SERVERS_FILE`,
      ]);
    throw new ConfigError([`${where}: could not read it (${errorMessage(error)})`]);
  }
  return parseServerDirectory(text, where);
}
