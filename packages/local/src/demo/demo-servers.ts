import {
  type AcceptedMessage,
  type FakeDiscordWebhook,
  type FakeWebhookOptions,
  renderChannel,
  startFakeDiscordWebhook,
} from "@stepcord/fake-discord/webhook";
import {
  DEMO_GUILD_ID,
  DEMO_TEXT_CHANNELS,
  demoNames,
  ROOKERY_CHANNELS,
  ROOKERY_GUILD_ID,
  ROOKERY_THREAD,
} from "./evening.js";

/** One server's text channel in the demo: its own fake Discord webhook. */
export interface DemoServerChannel {
  guildId: string;
  serverName: string;
  channelName: string;
  webhook: FakeDiscordWebhook;
  /** Its thread, where one voice channel's notices go. */
  thread: { id: string; name: string } | undefined;
}

export interface DemoServers {
  channels: DemoServerChannel[];
  /** `stepcord:servers` for the local stack, as a `Pulumi.dev.yaml` would hold it (with the fakes' URLs). */
  config: Record<string, unknown>;
  /** Each channel (and thread) as Discord would show it. */
  render(): string;
  /** Every message, Night Owls' first. */
  messages(): AcceptedMessage[];
  close(): Promise<void>;
}

/**
 * Two servers, each with its own fake webhook in its own text channel; the Rookery's Workshop voice channel posts into
 * a thread of the Rookery's channel. The config is the same shape `pulumi config set --path` writes.
 */
export async function startDemoServers(options: FakeWebhookOptions): Promise<DemoServers> {
  const nightOwls = await startFakeDiscordWebhook({
    ...options,
    webhookId: DEMO_TEXT_CHANNELS.nightOwls.webhookId,
    channelId: DEMO_TEXT_CHANNELS.nightOwls.id,
  });
  const rookery = await startFakeDiscordWebhook({
    ...options,
    webhookId: DEMO_TEXT_CHANNELS.rookery.webhookId,
    channelId: DEMO_TEXT_CHANNELS.rookery.id,
    threads: { [ROOKERY_THREAD.id]: ROOKERY_THREAD.name },
  }).catch(async (error: unknown) => {
    await nightOwls.close();
    throw error;
  });
  const channels: DemoServerChannel[] = [
    {
      guildId: DEMO_GUILD_ID,
      serverName: "Stepcord Demo",
      channelName: DEMO_TEXT_CHANNELS.nightOwls.name,
      webhook: nightOwls,
      thread: undefined,
    },
    {
      guildId: ROOKERY_GUILD_ID,
      serverName: "The Rookery",
      channelName: DEMO_TEXT_CHANNELS.rookery.name,
      webhook: rookery,
      thread: ROOKERY_THREAD,
    },
  ];
  const names = demoNames();
  return {
    channels,
    config: {
      [DEMO_GUILD_ID]: { name: "Stepcord Demo", webhookUrl: nightOwls.copiedWebhookUrl },
      [ROOKERY_GUILD_ID]: {
        name: "The Rookery",
        webhookUrl: rookery.copiedWebhookUrl,
        channels: { [ROOKERY_CHANNELS.workshop.id]: { threadId: ROOKERY_THREAD.id } },
      },
    },
    render: () =>
      channels
        .flatMap((c) => {
          const all = c.webhook.messages();
          const own = all.filter((m) => m.threadId === undefined);
          const blocks = [`#${c.channelName} in ${c.serverName}:\n${renderChannel(own, names)}`];
          if (c.thread !== undefined) {
            const thread = c.thread;
            const inThread = all.filter((m) => m.threadId === thread.id);
            blocks.push(`#${c.channelName} › thread ${thread.name}:\n${renderChannel(inThread, names)}`);
          }
          return blocks;
        })
        .join("\n\n"),
    messages: () => channels.flatMap((c) => c.webhook.messages()),
    close: async () => {
      for (const c of channels) await c.webhook.close();
    },
  };
}
