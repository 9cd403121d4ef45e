import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import type { Logger } from "pino";
import { chooseCredentials, type MaybeKeys } from "./bot-credentials.js";
import { type BotConfig, inferRegion } from "./config.js";
import { readStackOutputs, type StackCommand } from "./stack-outputs.js";

/** Where the bot posts its batches and what it signs them with. */
export interface Connection {
  endpoint: string;
  region: string | undefined;
  credentials: Credentials | CredentialsProvider;
}

export interface ResolveConnectionOptions {
  stackCommand?: StackCommand | undefined;
  /** Given credentials win over the environment, the stack and the default chain (tests, embedders). */
  credentials?: Credentials | CredentialsProvider | undefined;
  logger: Logger;
}

/**
 * The endpoint from EVENTS_ENDPOINT or the stack's outputs, the region from AWS_REGION or the endpoint's host, and
 * the credentials (chooseCredentials: the environment, then the default chain, then the stack's bot keys).
 */
export async function resolveConnection(
  config: BotConfig,
  options: ResolveConnectionOptions,
): Promise<Connection> {
  let endpoint = config.endpoint;
  let stackKeys: MaybeKeys = {};
  if (!endpoint && config.stack) {
    const outputs = await readStackOutputs(config.stack, options.stackCommand);
    endpoint = outputs.endpoint;
    stackKeys = { accessKeyId: outputs.accessKeyId, secretAccessKey: outputs.secretAccessKey };
  }
  if (!endpoint) throw new Error("unreachable: parseConfig guarantees EVENTS_ENDPOINT or STEPCORD_STACK");
  const region = config.region ?? inferRegion(endpoint);
  if (options.credentials) return { endpoint, region, credentials: options.credentials };
  const chosen = await chooseCredentials({
    environment: {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      sessionToken: config.sessionToken,
    },
    stack: stackKeys,
  });
  options.logger.info({ source: chosen.source }, "AWS credentials");
  return { endpoint, region, credentials: chosen.credentials };
}
