import { type LogSink, logDestination, terminalLogFormat } from "@stepcord/bot/log-destination";
import { type Logger, pino } from "pino";

/**
 * The fields pino blanks out in every local log line (pnpm local, pnpm demo and its live mode). `serveLive` hands a
 * real DISCORD_TOKEN, and the local identities' keys, to the bot through these loggers. The first four are the
 * bot's own list (packages/bot/src/main.ts and start.ts keep a twin of them); the rest name the environment
 * variables and the webhook URL, which are secrets too.
 */
export const LOG_REDACT_PATHS: readonly string[] = [
  "token",
  "*.token",
  "secretAccessKey",
  "*.secretAccessKey",
  "DISCORD_TOKEN",
  "*.DISCORD_TOKEN",
  "AWS_SECRET_ACCESS_KEY",
  "*.AWS_SECRET_ACCESS_KEY",
  "DISCORD_WEBHOOK_URL",
  "*.DISCORD_WEBHOOK_URL",
  "webhookUrl",
  "*.webhookUrl",
];

export interface LocalLoggerOptions {
  env: NodeJS.ProcessEnv;
  /** The level when LOG_LEVEL is not set. */
  defaultLevel: string;
  /** @default stderr (stdout carries the CLIs' own lines) */
  sink?: LogSink;
}

/** The local CLIs' logger: stderr, readable on a terminal and JSON when redirected, secrets redacted. */
export function localLogger(options: LocalLoggerOptions): Logger {
  return pino(
    { level: options.env.LOG_LEVEL ?? options.defaultLevel, redact: [...LOG_REDACT_PATHS] },
    logDestination({
      sink: options.sink ?? pino.destination({ dest: 2, sync: true }),
      ...terminalLogFormat(options.sink === undefined ? process.stderr : {}, options.env),
    }),
  );
}
