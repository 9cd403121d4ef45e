import { readFile } from "node:fs/promises";
import {
  DEFAULT_STAGE,
  type Destination,
  destinationRoute,
  destinationTable,
  executeApiArn,
  parseDiscordWebhookUrl,
  type ServerDirectory,
  serverDirectory,
  serversConfigSchema,
} from "@stepcord/definitions";
import { LOCAL_ACCOUNT, LOCAL_PARTITION, LOCAL_REGION, LOCAL_WEBHOOK_API_ID } from "./local-account.js";

/** The local servers config did not pass `stepcord:servers`' own schema; `problems` lists each, token-free. */
export class InvalidLocalServersError extends Error {
  override readonly name = "InvalidLocalServersError";
  readonly code = "STEPCORD_LOCAL_SERVERS_INVALID";
  constructor(
    readonly problems: string[],
    source: string,
  ) {
    super(
      `Invalid local servers config (${source}): ${problems.join("; ")}. It has the shape of stepcord:servers ` +
        "(docs/deploy.md); loopback webhook URLs such as the fake Discord's are allowed here.",
    );
  }
}

/**
 * `STEPCORD_LOCAL_SERVERS_FILE` for `pnpm local`: JSON in `stepcord:servers`' shape. A file that cannot be read,
 * parsed or validated is an `InvalidLocalServersError` naming the file (its content is never echoed: it holds webhook
 * tokens).
 */
export async function readLocalServersFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InvalidLocalServersError([`cannot read it (${(error as NodeJS.ErrnoException).code})`], path);
  }
  let servers: unknown;
  try {
    servers = JSON.parse(text) as unknown;
  } catch {
    throw new InvalidLocalServersError(["it is not JSON"], path);
  }
  // Checked here too, so a problem names the file it is in.
  localDestinationTable(servers, undefined, path);
  return servers;
}

/**
 * The local stack's destination table: the same schema and the same `destinationTable` as the Pulumi program, with
 * the fake Discord's plain-http loopback webhooks allowed (a deployed stack refuses them).
 */
export function localDestinationTable(
  servers: unknown,
  everyServerWebhookUrl: string | undefined,
  source = "servers",
): Destination[] {
  return localServers(servers, everyServerWebhookUrl, source).table;
}

/**
 * The local servers config checked once: its destination table, and the secret-free directory the bot reads (what
 * the Pulumi program exports as the `servers` output).
 */
export function localServers(
  servers: unknown,
  everyServerWebhookUrl: string | undefined,
  source = "servers",
): { table: Destination[]; directory: ServerDirectory } {
  const parsed = serversConfigSchema({ allowLoopback: true }).safeParse(servers);
  if (!parsed.success)
    throw new InvalidLocalServersError(
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`),
      source,
    );
  const everyServer =
    everyServerWebhookUrl === undefined
      ? undefined
      : parseDiscordWebhookUrl(everyServerWebhookUrl, { allowLoopback: true });
  const table = destinationTable(parsed.data, everyServer);
  return { table, directory: serverDirectory(parsed.data, table) };
}

/** Each destination route's ARN on the local webhook API: exactly what the workflow role may invoke. */
export function localDestinationRouteArns(table: readonly Pick<Destination, "id">[]): string[] {
  return table.map((d) =>
    executeApiArn({
      partition: LOCAL_PARTITION,
      region: LOCAL_REGION,
      account: LOCAL_ACCOUNT,
      stage: DEFAULT_STAGE,
      apiId: LOCAL_WEBHOOK_API_ID,
      ...destinationRoute(d.id),
    }),
  );
}
