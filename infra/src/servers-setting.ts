import { type DiscordWebhook, type ServersConfig, serversConfigSchema } from "@stepcord/definitions";

/** The config key, as `pulumi config` and every problem name it. */
export const SERVERS_KEY = "stepcord:servers";

/** A config path the way `pulumi config set --path` spells it: `servers.<guild>.rules.allowChannels[0]`. */
export function configPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`))
    .join("");
}

/**
 * A webhook's token is the path segment after its id; cut it out of any text that reaches a problem, whatever key or
 * value carried it (a URL pasted as a guild id ends up in a zod issue's path).
 */
export function redactWebhookTokens(text: string): string {
  return text.replace(/(webhooks\/\d+\/)[^\s/'"?#]+/g, "$1[redacted]");
}

/** The places a webhook URL sits in the raw map, as config paths (`.<guild>.webhookUrl`, `.<guild>.channels.<c>.webhookUrl`). */
function webhookUrlPaths(value: unknown, path: PropertyKey[] = []): PropertyKey[][] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    key === "webhookUrl" && typeof item === "string"
      ? [[...path, key]]
      : webhookUrlPaths(item, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

/** Keys whose values are Discord snowflakes: `threadId`, and the entries of the channel lists. */
function isSnowflakeSlot(path: readonly PropertyKey[]): boolean {
  const last = path.at(-1);
  const parent = path.at(-2);
  return last === "threadId" || parent === "allowChannels" || parent === "denyChannels";
}

/**
 * `pulumi config set --path … 123456789012345678` stores digits as an integer ("integers are treated as numbers",
 * pulumi/pulumi pkg/cmd/pulumi/config/config.go, `config set` help; coerce() in sdk/go/common/resource/config/
 * object.go), and JSON numbers above 2^53 reach the program rounded, so a snowflake set that way is already wrong.
 */
function numericSnowflakes(value: unknown, path: PropertyKey[] = []): string[] {
  if (typeof value === "number" && isSnowflakeSlot(path)) return [configPath(path)];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) =>
    numericSnowflakes(item, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

export interface ServersSetting {
  servers: ServersConfig | undefined;
  problems: string[];
}

/**
 * Reads `stepcord:servers` from the text Pulumi hands the program (the whole map as JSON, secure values already
 * decrypted) and whether the stack stores it encrypted. Every problem is listed as `stepcord:servers.<path>: …`, and
 * none carries a webhook token. An absent or empty map is no servers.
 */
export function readServersSetting(args: {
  raw: string | undefined;
  isSecret: boolean;
  everyServerWebhook: DiscordWebhook | undefined;
}): ServersSetting {
  if (args.raw === undefined || args.raw.trim() === "") return { servers: undefined, problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(args.raw);
  } catch {
    return {
      servers: undefined,
      problems: [
        `${SERVERS_KEY}: is not a map; set its entries with \`pulumi config set --path '${SERVERS_KEY}.<guild id>.<key>' <value>\``,
      ],
    };
  }
  const problems: string[] = [];
  const urlPaths = webhookUrlPaths(value);
  if (urlPaths.length > 0 && !args.isSecret) {
    // The engine marks a key secret when any value inside it is secure, so a map that is not secret holds every one
    // of its webhook URLs in plain text in Pulumi.<stack>.yaml.
    problems.push(
      `${SERVERS_KEY}: holds webhook URLs in plain text; store each as a secret: ${urlPaths
        .map((path) => `\`pulumi config set --secret --path '${SERVERS_KEY}${configPath(path)}' <url>\``)
        .join(", ")}`,
    );
  }
  const numbers = new Set(numericSnowflakes(value));
  for (const path of numbers) {
    const at = `${SERVERS_KEY}${path}`;
    problems.push(
      `${at}: is a number, and a Discord id loses its last digits as one; set it as text: ` +
        `\`pulumi config set --path --type string '${at}' <id>\``,
    );
  }
  const parsed = serversConfigSchema().safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = `${SERVERS_KEY}${configPath(issue.path)}`;
      // A number where a snowflake belongs is reported above, with the command that fixes it.
      if (issue.code === "invalid_type" && numbers.has(configPath(issue.path))) continue;
      problems.push(`${at}: ${issue.message}`);
    }
  }
  const servers = parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined;
  if (servers !== undefined && args.everyServerWebhook !== undefined) {
    for (const [guildId, server] of Object.entries(servers)) {
      if (server.webhookUrl.id === args.everyServerWebhook.id) {
        problems.push(
          `${SERVERS_KEY}.${guildId}.webhookUrl: is stepcord:discordWebhookUrl's webhook (id ${server.webhookUrl.id}), ` +
            "where every other server's notices go too; give this server a webhook of its own",
        );
      }
    }
  }
  return {
    servers: problems.length === 0 ? servers : undefined,
    problems: problems.map(redactWebhookTokens),
  };
}
