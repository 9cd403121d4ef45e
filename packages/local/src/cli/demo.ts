#!/usr/bin/env -S node --import tsx
// `pnpm demo`: replays a scripted evening through the local stack, the fake gateway and the real bot, prints the
// channel, and exits 0 only when every event was delivered. With DISCORD_TOKEN set it serves a real bot instead.
import { runDemo } from "../demo/run-demo.js";
import { serveLive } from "../demo/serve-live.js";

if (process.env.DISCORD_TOKEN) {
  await serveLive({ env: process.env });
} else {
  const result = await runDemo({ env: process.env });
  process.exit(result.ok ? 0 : 1);
}
