import * as pulumi from "@pulumi/pulumi";
import { InvalidWebhookUrlError, PULUMI_PROJECTS, parseDiscordWebhookUrl } from "@stepcord/definitions";
import { InvalidConfigError, loadSettings, SETTING_KEYS, type StepcordSettings } from "./config.js";

const PROJECT = PULUMI_PROJECTS.infra;
const ARRAY_KEYS = new Set<string>(["invokerUsers", "invokerRoles"]);

/**
 * Reads `stepcord:*` and `aws:region` once and reports every problem together. The webhook URL is read raw so a bad
 * one fails the preview with a clear message, then travels only as a secret.
 */
export function readConfig(): {
  settings: StepcordSettings;
  webhookUrl: pulumi.Output<string>;
  region: string;
} {
  const config = new pulumi.Config(PROJECT);
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    try {
      raw[key] = ARRAY_KEYS.has(key) ? config.getObject<unknown>(key) : config.get(key);
    } catch {
      problems.push(`stepcord:${key}: must be a JSON list of names, e.g. ["bot-user"]`);
    }
  }
  let settings: StepcordSettings | undefined;
  try {
    settings = loadSettings(raw);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    problems.push(...error.problems);
  }
  let webhookUrl: string | undefined;
  const rawWebhookUrl = pulumi.runtime.getConfig(`${PROJECT}:discordWebhookUrl`);
  if (rawWebhookUrl === undefined) {
    problems.push(
      "stepcord:discordWebhookUrl: missing; run `pulumi config set --secret stepcord:discordWebhookUrl <url>`",
    );
  } else {
    try {
      webhookUrl = parseDiscordWebhookUrl(rawWebhookUrl).url;
    } catch (error) {
      if (!(error instanceof InvalidWebhookUrlError)) throw error;
      problems.push(`stepcord:discordWebhookUrl: ${error.message}`);
    }
  }
  const region = pulumi.runtime.getConfig("aws:region");
  if (region === undefined)
    problems.push("aws:region: missing; run `pulumi config set aws:region eu-west-1` (or yours)");
  if (problems.length > 0 || !settings || webhookUrl === undefined || region === undefined) {
    throw new InvalidConfigError(problems);
  }
  return { settings, webhookUrl: pulumi.secret(webhookUrl), region };
}
