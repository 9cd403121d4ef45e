import { z } from "zod";
import { EVERY_EVENT_TYPE, type GuildRules } from "../rules/guild-rules.js";
import { ConfigError } from "./config-error.js";
import { parseShards, type Shards } from "./shards.js";

const list = z
  .string()
  .optional()
  .transform((v) =>
    v
      ? v
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );
const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0"], { message: "must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? fallback : v === "true" || v === "1"));
/**
 * A whole number from the environment, at most `max`; unset or empty is undefined (the caller's named default). The
 * message says what the number is, with an example, and echoes the value (none of these is a secret), instead of
 * zod's "expected number, received NaN".
 */
const wholeNumber = (what: string, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((raw, ctx): number | undefined => {
      const text = raw?.trim() ?? "";
      if (text === "") return undefined;
      const value = Number(text);
      if (!/^\d+$/.test(text) || value > max) {
        ctx.addIssue({ code: "custom", message: `must be ${what}; got "${raw}"` });
        return z.NEVER;
      }
      return value;
    });

/** http is allowed only to this machine (the local stack, tests); anything else must be https. */
const LOOPBACK_HOSTS = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;
/** Whether a URL may be called: https anywhere, http only on this machine. */
export function httpsOrLoopback(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.test(url.hostname));
}
/**
 * An optional endpoint that must be https (http only to this machine); anything else, a value that is no URL
 * included, gets `message`, which never echoes the value (a URL may carry a user and password).
 */
const httpsOrLoopbackUrl = (message: string) =>
  z
    .string()
    .optional()
    .superRefine((raw, ctx) => {
      if (!raw) return;
      let url: URL | undefined;
      try {
        url = new URL(raw);
      } catch {}
      if (url !== undefined && httpsOrLoopback(url)) return;
      ctx.addIssue({ code: "custom", message });
    });
const ENDPOINT_FIX =
  "must be the https URL of the API Gateway events route, such as https://abc123.execute-api.eu-west-1.amazonaws.com/events (http only to 127.0.0.1, [::1] or localhost); or unset it and set STEPCORD_STACK";

export const DEFAULT_BATCH_WINDOW_MS = 2000;
/** Where the outbox lives when STEPCORD_OUTBOX_DIR is not set (also read by the `redeliver` command). */
export const DEFAULT_OUTBOX_DIR = ".stepcord/outbox";

const TOGGLES = ["stream", "video", "speaker", "server_mute", "server_deaf"] as const;

const Env = z.object({
  DISCORD_TOKEN: z
    .string({ message: "is required: set it to the bot token from the Discord developer portal" })
    .min(1, "is empty: set it to the bot token from the Discord developer portal"),
  EVENTS_ENDPOINT: z
    .string()
    .optional()
    .superRefine((raw, ctx) => {
      if (!raw) return;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: "custom", message: `${ENDPOINT_FIX}; got "${raw}", which is not a URL` });
        return;
      }
      if (httpsOrLoopback(url)) return;
      // The whole URL but its user and password, which may be secrets; the path is often what is wrong.
      ctx.addIssue({
        code: "custom",
        message: `${ENDPOINT_FIX}; got ${url.protocol}//${url.host}${url.pathname}`,
      });
    }),
  STEPFUNCTIONS_ENDPOINT: httpsOrLoopbackUrl(
    "must be Step Functions' https endpoint, such as https://states.eu-west-1.amazonaws.com, or the local " +
      "stack's STEPFUNCTIONS_ENDPOINT (http only to 127.0.0.1, [::1] or localhost); or unset it",
  ),
  SETTINGS_ENDPOINT: httpsOrLoopbackUrl(
    "must be the https URL of the events API's settings route, such as https://abc123.execute-api.eu-west-1.amazonaws.com/settings (http only to 127.0.0.1, [::1] or localhost); or unset it to derive it from EVENTS_ENDPOINT",
  ),
  STEPCORD_STACK: z
    .string()
    .min(1, "is empty: set it to the Pulumi stack to read eventsEndpoint from, such as dev, or unset it")
    .optional(),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as eu-west-1")
    .optional(),
  AWS_ACCESS_KEY_ID: z.string().min(1).optional(),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: z.url({ message: "must be a URL such as http://127.0.0.1:3000/api" }).optional(),
  HEALTH_PORT: wholeNumber("a TCP port from 0 to 65535 (0 picks a free one), such as 8080", 65_535),
  STEPCORD_OUTBOX_DIR: z.string().min(1).default(DEFAULT_OUTBOX_DIR),
  STEPCORD_SERVERS_FILE: z
    .string()
    .min(1, "is empty: set it to a file holding the infra stack's servers output, or unset it")
    .optional(),
  BATCH_WINDOW_MS: wholeNumber(
    `a whole number of milliseconds, such as ${DEFAULT_BATCH_WINDOW_MS} (the default; 0 sends at once)`,
  ),
  GUILD_ALLOWLIST: list,
  CHANNEL_ALLOWLIST: list,
  EXCLUDE_AFK: flag(true),
  INCLUDE_BOTS: flag(false),
  MIN_MEMBERS: wholeNumber("a whole number of members in the channel, such as 2 (0 = no threshold)"),
  FIRST_JOINER_ONLY: flag(false),
  USER_COOLDOWN_SECONDS: wholeNumber("a whole number of seconds, such as 300 (0 = no cooldown)"),
  CHANNEL_COOLDOWN_SECONDS: wholeNumber("a whole number of seconds, such as 300 (0 = no cooldown)"),
  DWELL_SECONDS: wholeNumber("a whole number of seconds, such as 30 (0 = announce joins at once)"),
  QUIET_HOURS: z
    .string()
    .optional()
    .superRefine((raw, ctx) => {
      if (raw === undefined || /^([01]?\d|2[0-3])-([01]?\d|2[0-3])$/.test(raw)) return;
      ctx.addIssue({ code: "custom", message: `must be START-END hours in UTC, such as 22-7; got "${raw}"` });
    }),
  SESSION_LENGTH: flag(true),
  TOGGLES: list.pipe(
    z.array(z.enum(TOGGLES, { message: `each entry must be one of ${TOGGLES.join(", ")}` })),
  ),
});

export interface BotConfig {
  token: string;
  endpoint: string | undefined;
  /** STEPFUNCTIONS_ENDPOINT: where a STANDARD stack's executions are described (decision 0028). */
  stepFunctionsEndpoint: string | undefined;
  /** SETTINGS_ENDPOINT: where `/stepcord` calls go; derived from the events endpoint when undefined. */
  settingsEndpoint: string | undefined;
  stack: string | undefined;
  region: string | undefined;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  sessionToken: string | undefined;
  apiUrl: string | undefined;
  healthPort: number | undefined;
  outboxDir: string;
  /** STEPCORD_SERVERS_FILE: the server directory from a file instead of the stack's `servers` output. */
  serversFile: string | undefined;
  batchWindowMs: number;
  /** SHARD_COUNT and SHARD_IDS: the shards this process runs. */
  shards: Shards;
  rules: GuildRules;
}

/** Validates the environment, throwing one ConfigError that names every problem and its fix. */
export function parseConfig(env: Record<string, string | undefined>): BotConfig {
  const result = Env.safeParse(env);
  const problems = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`);
  if (!env.EVENTS_ENDPOINT && !env.STEPCORD_STACK)
    problems.push(
      "EVENTS_ENDPOINT is required: set it to the events URL, or set STEPCORD_STACK to read it from Pulumi",
    );
  // Read from the raw values so the contradiction is listed even when other variables are invalid.
  const firstJoinerOnly = env.FIRST_JOINER_ONLY === "true" || env.FIRST_JOINER_ONLY === "1";
  const minMembers = Number(env.MIN_MEMBERS ?? 0);
  if (firstJoinerOnly && Number.isInteger(minMembers) && minMembers > 1) {
    problems.push(
      `FIRST_JOINER_ONLY=true and MIN_MEMBERS=${minMembers} can never both hold (a first joiner is alone in the channel): unset one of them`,
    );
  }
  const shards = parseShards(env.SHARD_COUNT, env.SHARD_IDS);
  if ("problems" in shards) problems.push(...shards.problems);
  if (!result.success || problems.length > 0 || "problems" in shards) throw new ConfigError(problems);
  const e = result.data;
  const [qs, qe] = e.QUIET_HOURS?.split("-").map(Number) ?? [];
  return {
    token: e.DISCORD_TOKEN,
    endpoint: e.EVENTS_ENDPOINT === "" ? undefined : e.EVENTS_ENDPOINT,
    stepFunctionsEndpoint: e.STEPFUNCTIONS_ENDPOINT === "" ? undefined : e.STEPFUNCTIONS_ENDPOINT,
    settingsEndpoint: e.SETTINGS_ENDPOINT === "" ? undefined : e.SETTINGS_ENDPOINT,
    stack: e.STEPCORD_STACK,
    region: e.AWS_REGION ?? inferRegion(e.EVENTS_ENDPOINT),
    accessKeyId: e.AWS_ACCESS_KEY_ID,
    secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    sessionToken: e.AWS_SESSION_TOKEN,
    apiUrl: e.DISCORD_API_URL,
    healthPort: e.HEALTH_PORT,
    outboxDir: e.STEPCORD_OUTBOX_DIR,
    serversFile: e.STEPCORD_SERVERS_FILE,
    batchWindowMs: e.BATCH_WINDOW_MS ?? DEFAULT_BATCH_WINDOW_MS,
    shards: shards.shards,
    rules: {
      guilds: e.GUILD_ALLOWLIST,
      channels: e.CHANNEL_ALLOWLIST,
      deniedChannels: [],
      eventTypes: EVERY_EVENT_TYPE,
      excludeAfk: e.EXCLUDE_AFK,
      includeBots: e.INCLUDE_BOTS,
      minMembers: e.MIN_MEMBERS ?? 0,
      firstJoinerOnly: e.FIRST_JOINER_ONLY,
      userCooldownMs: (e.USER_COOLDOWN_SECONDS ?? 0) * 1000,
      channelCooldownMs: (e.CHANNEL_COOLDOWN_SECONDS ?? 0) * 1000,
      dwellMs: (e.DWELL_SECONDS ?? 0) * 1000,
      quietHours:
        qs !== undefined && qe !== undefined
          ? { fromMinutes: qs * 60, toMinutes: qe * 60, timeZone: "UTC" }
          : undefined,
      pausedUntilMs: undefined,
      sessionLength: e.SESSION_LENGTH,
      toggles: {
        stream: e.TOGGLES.includes("stream"),
        video: e.TOGGLES.includes("video"),
        speaker: e.TOGGLES.includes("speaker"),
        serverMute: e.TOGGLES.includes("server_mute"),
        serverDeaf: e.TOGGLES.includes("server_deaf"),
      },
    },
  };
}

/** `https://abc.execute-api.eu-west-1.amazonaws.com/...` → `eu-west-1`. */
export function inferRegion(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/.exec(new URL(endpoint).hostname)?.[1];
}
