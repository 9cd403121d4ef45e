import { start as startBot } from "@stepcord/bot";
import { renderChannel } from "@stepcord/fake-discord/webhook";
import { localLogger } from "../local-logger.js";
import { startLocalStack } from "../local-stack.js";

export interface ServeLiveOptions {
  env: NodeJS.ProcessEnv;
  out?: { write(text: string): unknown };
}

/**
 * `DISCORD_TOKEN=… pnpm demo`: the same local stack serving a real bot on the real gateway, posting to
 * DISCORD_WEBHOOK_URL when set (else to the fake webhook, whose messages are printed as they arrive), until Ctrl-C.
 * The bot's rule variables (QUIET_HOURS, GUILD_ALLOWLIST, …) pass through from the environment.
 */
export async function serveLive(options: ServeLiveOptions): Promise<void> {
  const out = options.out ?? process.stdout;
  const logger = localLogger({ env: options.env, defaultLevel: "info" });
  const stack = await startLocalStack({
    ...(options.env.DISCORD_WEBHOOK_URL ? { discordWebhookUrl: options.env.DISCORD_WEBHOOK_URL } : {}),
    logger,
  });
  const bot = await startBot({
    env: {
      ...options.env,
      ...stack.botEnv(),
      STEPCORD_STACK: undefined,
    },
    logger,
    // A person at a terminal fixes a refused token and runs again; the fatal back-off is for a restart loop (ECS),
    // where nobody is watching and every restart would spend an identify or an invalid request.
    sleep: async () => undefined,
  });
  out.write(
    `stepcord: the bot is online and posts through the local stack to ${options.env.DISCORD_WEBHOOK_URL ? "your webhook" : "the fake webhook"}; join a voice channel. Ctrl-C stops.\n`,
  );
  let shown = 0;
  const poll = setInterval(() => {
    const messages = stack.fakeWebhook?.messages() ?? [];
    if (messages.length > shown) out.write(`${renderChannel(messages.slice(shown))}\n`);
    shown = messages.length;
  }, 500);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(poll);
  await bot.stop();
  await stack.close();
}
