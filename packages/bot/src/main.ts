import "@stepcord/signer/refuse-old-node";
import pino from "pino";
import { ConfigError } from "./config/config-error.js";
import { envFileToRead } from "./config/env-file.js";
import { errorMessage } from "./error-message.js";
import { logDestination, terminalLogFormat } from "./log-destination.js";
import { start } from "./start.js";

// Readable lines on a terminal, JSON lines (for CloudWatch and other collectors) otherwise.
const logger = pino(
  { redact: ["token", "*.token", "secretAccessKey", "*.secretAccessKey"] },
  logDestination({
    sink: pino.destination({ dest: 1, sync: true }),
    ...terminalLogFormat(process.stdout, process.env),
  }),
);
const envFile = envFileToRead(process.env, process.cwd());
if (envFile.file === undefined)
  logger.info({ lookedIn: envFile.lookedIn }, "no .env file; using the environment only");
else {
  process.loadEnvFile(envFile.file);
  logger.info({ file: envFile.file }, "read .env");
}

try {
  const bot = await start({
    env: process.env,
    logger,
    // start() has already waited the back-off (1 min doubling to 1 h, kept in the outbox directory).
    onFatal: (error) => {
      logger.fatal({ err: error.message }, "fatal gateway close; exiting after the back-off");
      process.exit(2);
    },
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: errorMessage(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  logger.fatal(
    { err: errorMessage(error), code: error instanceof Error && "code" in error ? error.code : undefined },
    "bot failed to start",
  );
  process.exit(1);
}
