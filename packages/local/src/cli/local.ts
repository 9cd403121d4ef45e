#!/usr/bin/env -S node --import tsx
// `pnpm local`: the local stack in the foreground until Ctrl-C. Prints KEY=value lines for `eval` or a .env file.
import "@stepcord/signer/refuse-old-node";
import { readLocalServersFile } from "../local-destinations.js";
import { localLogger } from "../local-logger.js";
import { localPortsFromEnv } from "../local-ports.js";
import { type LocalStack, startLocalStack } from "../local-stack.js";
import { failCli } from "./cli-failure.js";

// Logs go to stderr (stdout carries the KEY=value lines): readable on a terminal, JSON when redirected.
const logger = localLogger({ env: process.env, defaultLevel: "info" });
let stack: LocalStack;
try {
  const { fakeWebhook, ...ports } = localPortsFromEnv(process.env);
  // A JSON file in stepcord:servers' shape (issue 14): one route per destination, as a deployed stack serves.
  const serversFile = process.env.STEPCORD_LOCAL_SERVERS_FILE;
  const servers =
    serversFile === undefined || serversFile === "" ? undefined : await readLocalServersFile(serversFile);
  stack = await startLocalStack({
    ...(servers === undefined ? {} : { servers }),
    ...(process.env.DISCORD_WEBHOOK_URL ? { discordWebhookUrl: process.env.DISCORD_WEBHOOK_URL } : {}),
    ...(fakeWebhook === undefined ? {} : { fakeWebhook: { port: fakeWebhook } }),
    ports,
    logger,
  });
} catch (error) {
  failCli("pnpm local", error);
}
// Handlers first: whoever reads the lines below may signal at once (the test does), and an unhandled SIGTERM would
// skip closing the servers.
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await stack.close();
    process.exit(0);
  });
}
for (const line of stack.envLines()) process.stdout.write(`${line}\n`);
logger.info("local stack running; Ctrl-C stops it");
