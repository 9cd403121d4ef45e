import * as pulumi from "@pulumi/pulumi";
import {
  type DiscordWebhook,
  InvalidWebhookUrlError,
  PULUMI_PROJECTS,
  parseDiscordWebhookUrl,
  type ServersConfig,
} from "@stepcord/definitions";
import { InvalidConfigError, loadSettings, SETTING_KEYS, type StepcordSettings } from "./config.js";
import { isConfigSecret } from "./config-secrecy.js";
import { readServersSetting, SERVERS_KEY } from "./servers-setting.js";

const PROJECT = PULUMI_PROJECTS.infra;
const ARRAY_KEYS = new Set<string>(["invokerUsers", "invokerRoles"]);
const WEBHOOK_KEY = `${PROJECT}:discordWebhookUrl`;

export interface StepcordConfig {
  settings: StepcordSettings;
  region: string;
  /** `stepcord:servers`, validated; undefined when the stack lists no servers. */
  servers: ServersConfig | undefined;
  /**
   * `stepcord:discordWebhookUrl`: where every server not in `servers` posts; undefined when only listed servers get
   * notices. Holds the token: it is wrapped as a secret where it becomes a resource input.
   */
  everyServerWebhook: DiscordWebhook | undefined;
}

/**
 * Reads `stepcord:*` and `aws:region` once and reports every problem together. Webhook URLs are read raw so a bad
 * one fails the preview with a clear message (never with its token), then travel only as secrets.
 */
export function readConfig(): StepcordConfig {
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
  const everyServerWebhook = readEveryServerWebhook(problems);
  const rawServers = pulumi.runtime.getConfig(SERVERS_KEY);
  const { servers, problems: serverProblems } = readServersSetting({
    raw: rawServers,
    isSecret: isConfigSecret(SERVERS_KEY),
    everyServerWebhook,
  });
  problems.push(...serverProblems);
  const hasServers = rawServers !== undefined && !/^\s*(\{\s*\})?\s*$/.test(rawServers);
  if (everyServerWebhook === undefined && !hasServers && !problems.some((p) => p.startsWith(WEBHOOK_KEY))) {
    problems.push(
      `${WEBHOOK_KEY}: missing, and ${SERVERS_KEY} lists no server: notices have nowhere to go. Send every server's ` +
        `to one channel with \`pulumi config set --secret ${WEBHOOK_KEY} <url>\`, or give a server its own with ` +
        `\`pulumi config set --secret --path '${SERVERS_KEY}.<guild id>.webhookUrl' <url>\``,
    );
  }
  const region = pulumi.runtime.getConfig("aws:region");
  if (region === undefined)
    problems.push("aws:region: missing; run `pulumi config set aws:region eu-west-1` (or yours)");
  if (problems.length > 0 || !settings || region === undefined) {
    throw new InvalidConfigError(problems);
  }
  return { settings, region, servers, everyServerWebhook };
}

/** `stepcord:discordWebhookUrl`, optional since issue 14; empty (Pulumi.yaml's default) counts as unset. */
function readEveryServerWebhook(problems: string[]): DiscordWebhook | undefined {
  const rawWebhookUrl = pulumi.runtime.getConfig(WEBHOOK_KEY);
  if (rawWebhookUrl === undefined || rawWebhookUrl === "") return undefined;
  let webhook: DiscordWebhook | undefined;
  try {
    webhook = parseDiscordWebhookUrl(rawWebhookUrl);
  } catch (error) {
    if (!(error instanceof InvalidWebhookUrlError)) throw error;
    problems.push(`${WEBHOOK_KEY}: ${error.message}`);
  }
  // Pulumi.yaml cannot declare it `secret: true` any more (a secret key with a default fails every stack that
  // leaves it unset; decision 0029), so the program holds the rule the engine used to.
  if (!isConfigSecret(WEBHOOK_KEY)) {
    problems.push(
      `${WEBHOOK_KEY}: is stored in plain text; store it as a secret: \`pulumi config set --secret ${WEBHOOK_KEY} <url>\``,
    );
  }
  return webhook;
}
