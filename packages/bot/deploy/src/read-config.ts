import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PULUMI_PROJECTS } from "@stepcord/definitions";
import {
  type BotSettings,
  InvalidBotDeployConfigError,
  loadBotSettings,
  type RawBotConfig,
} from "./config.js";

const STRING_KEYS = [
  "infraStack",
  "discordTokenParameter",
  "permissionsBoundaryArn",
  "containerInsights",
] as const;
const NUMBER_KEYS = ["cpu", "memory", "logRetentionDays"] as const;

/**
 * Reads `stepcord-bot:*`, the AWS provider's region and the current organization once and reports every problem together (a
 * number key holding text is one of them, not an early exit).
 */
export function readBotConfig(): BotSettings {
  const config = new pulumi.Config(PULUMI_PROJECTS.bot);
  const problems: string[] = [];
  // The region the default AWS provider will use: aws:region, else AWS_REGION or AWS_DEFAULT_REGION
  // (@pulumi/aws config/vars.js), so the check below compares the region the resources really land in.
  const raw: RawBotConfig = { region: aws.config.region };
  for (const key of STRING_KEYS) raw[key] = config.get(key);
  try {
    raw.shards = config.getObject<unknown>("shards");
  } catch {
    problems.push(
      `stepcord-bot:shards must be JSON such as {"count": 4, "tasks": 2} (pulumi config set --path stepcord-bot:shards.count 4); got ${JSON.stringify(config.get("shards"))}.`,
    );
  }
  for (const key of NUMBER_KEYS) {
    try {
      raw[key] = config.getNumber(key);
    } catch {
      problems.push(`stepcord-bot:${key} must be a number, got ${JSON.stringify(config.get(key))}.`);
    }
  }
  let settings: BotSettings | undefined;
  try {
    settings = loadBotSettings(raw, { organization: pulumi.getOrganization(), stack: pulumi.getStack() });
  } catch (error) {
    if (!(error instanceof InvalidBotDeployConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || settings === undefined) throw new InvalidBotDeployConfigError(problems);
  return settings;
}
