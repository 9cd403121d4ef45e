/**
 * The one line `pnpm local` or `pnpm demo` prints for a failure the user caused and can fix (a bad variable, a token
 * Discord refuses, a port in use, no network), instead of a stack trace and an object dump; undefined for anything
 * else, a bug, whose stack is worth showing. Matched by name and code so `pnpm local` need not load the bot.
 */
export function userFacingFailure(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  // The bot's ConfigError and the local stack's InvalidLocalPortError already list every problem with its fix.
  if (
    error.name === "ConfigError" ||
    error.name === "InvalidLocalPortError" ||
    error.name === "InvalidLocalServersError"
  )
    return error.message;
  // parseDiscordWebhookUrl's problem never repeats the URL (it carries the token); its own message gives the Pulumi
  // fix, while here the URL came from the environment.
  const problem = (error as { problem?: unknown }).problem;
  if (error.name === "InvalidWebhookUrlError" && typeof problem === "string")
    return `DISCORD_WEBHOOK_URL: ${problem}. Copy the URL from Discord (Server Settings > Integrations > Webhooks > Copy Webhook URL), or unset DISCORD_WEBHOOK_URL to post to the fake Discord.`;
  // discord.js throws TokenInvalid ("An invalid token was provided.") when Discord answers GET /gateway/bot with 401
  // (discord.js src/client/websocket/WebSocketManager.js), and for an empty token (src/client/Client.js).
  // The bot turns that 401 into its GatewayFatalError DISCORD_TOKEN_INVALID once the fatal back-off is served.
  if (code === "TokenInvalid" || code === "DISCORD_TOKEN_INVALID")
    return "Discord refused DISCORD_TOKEN (An invalid token was provided.). Copy the bot's token again: Discord Developer Portal → your application → Bot → Reset Token.";
  if (code === "EADDRINUSE")
    return `${error.message}. Another program holds that port: stop it, or change or unset the STEPCORD_*_PORT variable that pins it.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ECONNREFUSED" || code === "ETIMEDOUT")
    return `Could not reach Discord (${error.message}). Check this machine's network and DNS, or unset DISCORD_TOKEN to run the scripted demo offline.`;
  return undefined;
}

/** Prints the user-facing line for `error` and exits 1, or rethrows a bug so its stack is shown. */
export function failCli(command: string, error: unknown): never {
  const line = userFacingFailure(error);
  if (line === undefined) throw error;
  process.stderr.write(`${command}: ${line}\n`);
  process.exit(1);
}
