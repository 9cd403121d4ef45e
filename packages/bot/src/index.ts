// The bot's one door: callers start it and hold the running Bot. Everything else is the bot's own business; its
// tests reach the pieces through their files (test/ mirrors src/), and its test rig lives in test/support.
export { ConfigError } from "./config/config-error.js";
export type { StackCommand } from "./config/stack-outputs.js";
export { Destinations } from "./delivery/destinations.js";
export type { Health } from "./health/health-server.js";
export { type Bot, type StartOptions, start } from "./start.js";
