#!/usr/bin/env -S node --import tsx
// `pnpm demo`: replays a scripted evening through the local stack, the fake gateway and the real bot, prints the
// channel, and exits 0 only when every event was delivered. With DISCORD_TOKEN set it serves a real bot instead.
import "@stepcord/signer/refuse-old-node";
import { terminalLogFormat } from "@stepcord/bot/log-destination";
import { runDemo } from "../demo/run-demo.js";
import { serveLive } from "../demo/serve-live.js";
import { failCli } from "./cli-failure.js";

try {
  if (process.env.DISCORD_TOKEN) {
    await serveLive({ env: process.env });
    process.exit(0);
  }
  const result = await runDemo({
    env: process.env,
    colour: terminalLogFormat(process.stdout, process.env).colour,
  });
  process.exit(result.ok ? 0 : 1);
} catch (error) {
  failCli("pnpm demo", error);
}
