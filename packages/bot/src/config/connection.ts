import type { ServerDirectory } from "@stepcord/definitions";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import type { Logger } from "pino";
import { chooseCredentials, type MaybeKeys } from "./bot-credentials.js";
import { type BotConfig, inferRegion } from "./config.js";
import { readServersFile } from "./server-directory.js";
import { readStackOutputs, type StackCommand } from "./stack-outputs.js";

/** Where the bot posts its batches and what it signs them with. */
export interface Connection {
  endpoint: string;
  region: string | undefined;
  credentials: Credentials | CredentialsProvider;
}

/** The connection, and the server directory when the deployment has one (issue 14). */
export interface Deployment extends Connection {
  /**
   * Which servers have a destination, and their rules: from STEPCORD_SERVERS_FILE, else the stack's `servers` output
   * when the endpoint is read from the stack; undefined = every guild to the one webhook, the environment's rules.
   */
  servers: ServerDirectory | undefined;
}

export interface ResolveConnectionOptions {
  stackCommand?: StackCommand | undefined;
  /** Given credentials win over the environment, the stack and the default chain (tests, embedders). */
  credentials?: Credentials | CredentialsProvider | undefined;
  logger: Logger;
}

/**
 * The endpoint from EVENTS_ENDPOINT or the stack's outputs, the region from AWS_REGION or the endpoint's host, and
 * the credentials (chooseCredentials: the environment, then the default chain, then the stack's bot keys), and the
 * server directory (STEPCORD_SERVERS_FILE wins over the stack's output).
 */
export async function resolveConnection(
  config: BotConfig,
  options: ResolveConnectionOptions,
): Promise<Deployment> {
  let endpoint = config.endpoint;
  let stackKeys: MaybeKeys = {};
  let servers: ServerDirectory | undefined;
  let serversFrom = "none";
  if (!endpoint && config.stack) {
    const outputs = await readStackOutputs(config.stack, options.stackCommand);
    endpoint = outputs.endpoint;
    stackKeys = { accessKeyId: outputs.accessKeyId, secretAccessKey: outputs.secretAccessKey };
    servers = outputs.servers;
    if (servers) serversFrom = `STEPCORD_STACK=${config.stack}`;
  }
  if (config.serversFile !== undefined) {
    servers = await readServersFile(config.serversFile);
    serversFrom = `STEPCORD_SERVERS_FILE=${config.serversFile}`;
  }
  options.logger.info(
    servers === undefined
      ? { source: serversFrom }
      : {
          source: serversFrom,
          servers: new Set(servers.destinations.flatMap((d) => (d.guildId ? [d.guildId] : []))).size,
          destinations: servers.destinations.length,
          everyServer: servers.everyServer,
        },
    servers === undefined
      ? "server directory: none (every guild to the stack's one webhook, the environment's rules)"
      : "server directory",
  );
  if (!endpoint) throw new Error("unreachable: parseConfig guarantees EVENTS_ENDPOINT or STEPCORD_STACK");
  const region = config.region ?? inferRegion(endpoint);
  if (options.credentials) return { endpoint, region, credentials: options.credentials, servers };
  const chosen = await chooseCredentials({
    environment: {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      sessionToken: config.sessionToken,
    },
    stack: stackKeys,
  });
  options.logger.info({ source: chosen.source }, "AWS credentials");
  return { endpoint, region, credentials: chosen.credentials, servers };
}
