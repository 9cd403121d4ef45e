import { join } from "node:path";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import type { Client } from "discord.js";
import pino, { type Logger } from "pino";
import { startCommands } from "./commands/start-commands.js";
import { parseConfig } from "./config/config.js";
import { ConfigError } from "./config/config-error.js";
import { resolveConnection } from "./config/connection.js";
import type { StackCommand } from "./config/stack-outputs.js";
import { startDelivery } from "./delivery/delivery-pipeline.js";
import { Destinations } from "./delivery/destinations.js";
import { FATAL_BACKOFF_FILE, FatalBackoff, type Sleep } from "./gateway/fatal-backoff.js";
import { FatalCloses } from "./gateway/fatal-closes.js";
import type { GatewayFatalError } from "./gateway/gateway-fatal-error.js";
import { listenToGateway } from "./gateway/gateway-listeners.js";
import { createLeanClient } from "./gateway/lean-client.js";
import { botHealth } from "./health/bot-health.js";
import { type Health, startHealthServer } from "./health/health-server.js";
import { RateLimitReason } from "./health/rate-limit-reason.js";
import { Announcer } from "./rules/announcer.js";
import { isQuiet } from "./rules/quiet-hours.js";
import { layeredRules } from "./rules/rule-layers.js";
import { MemberDirectory } from "./voice/member-directory.js";
import { startVoiceCheckpoints } from "./voice/voice-checkpoints.js";
import { VoiceTracker } from "./voice/voice-tracker.js";

export interface StartOptions {
  env: Record<string, string | undefined>;
  logger?: Logger;
  now?: () => number;
  stackCommand?: StackCommand;
  credentials?: Credentials | CredentialsProvider;
  /**
   * Called once after a fatal gateway close, when its back-off (1 min doubling to 1 h per fatal refusal in a row,
   * counted in the outbox directory) has been waited out; main.ts exits non-zero. A token refused at login rejects
   * start() with the same error (code DISCORD_TOKEN_INVALID) after the same back-off.
   */
  onFatal?: (error: GatewayFatalError) => void;
  /** Waits for the fatal back-off; tests, and a person at a terminal (`pnpm demo`), inject one that returns at once. */
  sleep?: Sleep;
}

export interface Bot {
  client: Client;
  health(): Health;
  healthPort: number | undefined;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

/** The composition root: the event's path is packet → tracker → announcer → batcher → outbox → deliverer (README). */
export async function start(options: StartOptions): Promise<Bot> {
  const now = options.now ?? Date.now;
  const logger =
    options.logger ?? pino({ redact: ["token", "*.token", "secretAccessKey", "*.secretAccessKey"] });
  const config = parseConfig(options.env);
  const { stackCommand, credentials } = options;
  const { servers, ...connection } = await resolveConnection(config, { stackCommand, credentials, logger });
  const rules = layeredRules(config.rules, servers?.rules);
  if (rules.problems.length > 0) throw new ConfigError(rules.problems);
  const discordSettings = rules.settings;
  const { rulesFor } = discordSettings;
  const { outboxDir } = config;
  const destinations = new Destinations(servers, logger);
  const delivery = await startDelivery({
    ...connection,
    destinations,
    stepFunctionsEndpoint: config.stepFunctionsEndpoint,
    outboxDir,
    windowMs: config.batchWindowMs,
    quietFor: (guildId) => isQuiet(rulesFor(guildId), now()),
    logger,
    // A monotonic clock, whatever `now` says: the batching window and Discord's retry_after pace requests to real
    // servers; an injected clock may stand still (the demo's scene clock, packages/local/src/demo/demo-clock.ts), and
    // the wall clock can step back (decision 0044).
    now: () => performance.now(),
  });
  const fatalCloses = new FatalCloses({
    backoff: new FatalBackoff({ file: join(outboxDir, FATAL_BACKOFF_FILE), now, sleep: options.sleep }),
    logger,
    onFatal: options.onFatal,
  });

  const directory = new MemberDirectory();
  const rateLimits = new RateLimitReason({ now, logger });
  const client = createLeanClient({
    directory,
    restUrl: config.apiUrl,
    shards: config.shards,
    onRateLimited: (info) => rateLimits.heard(info),
  });
  const commands = startCommands({
    client,
    restUrl: config.apiUrl,
    settings: discordSettings,
    eventsEndpoint: connection.endpoint,
    configuredEndpoint: config.settingsEndpoint,
    credentials: connection.credentials,
    region: connection.region,
    serverRulesOf: (guildId) => servers?.rules[guildId],
    destinationsOf: (guildId) => destinations.ofGuild(guildId),
    registers: config.shards.ids.includes(0),
    stateDir: outboxDir,
    now,
    logger,
  });
  const tracker = new VoiceTracker({ rulesFor, selfId: () => client.user?.id, now, directory });
  const announcer = new Announcer({
    rulesFor,
    emit: (event) => delivery.add(event),
    // Once a held join went on, the member counts as announced: a checkpoint lets the snapshot have them.
    released: (guildId) => voice.checkpoint(guildId),
    now,
    logger,
  });
  const voice = await startVoiceCheckpoints({
    tracker,
    holds: (guildId, userId) => announcer.holds(guildId, userId),
    delivery,
    outboxDir,
    now,
    logger,
  });
  const { snapshots } = voice;
  const gateway = listenToGateway(client, {
    tracker,
    logger,
    onVoice: (guildId, events) => {
      commands.onGuild(guildId);
      for (const event of events) announcer.offer(event);
      voice.checkpoint(guildId);
    },
    onReady: () => {
      fatalCloses.ready();
      commands.onReady();
      // Every guild has been synced: from now on the snapshot is re-dated while the bot runs (decision 0044).
      snapshots.keepFresh();
    },
    onInteraction: (payload) => commands.onInteraction(payload),
    onClose: (closeCode) => fatalCloses.closed(closeCode),
  });
  const health = botHealth({
    ready: () => gateway.ready,
    outboxDepth: () => delivery.depth(),
    lastDeliveryAt: () => delivery.lastDeliveryAt(),
    writeTrouble: () => delivery.writeTrouble(),
    rateLimits,
  });
  const healthServer =
    config.healthPort === undefined ? undefined : await startHealthServer(config.healthPort, health);
  const shutDown = async ({ saveVoice }: { saveVoice: boolean }) => {
    announcer.stop();
    await delivery.stop();
    await client.destroy();
    if (saveVoice) await snapshots.close();
    await healthServer?.close();
  };
  await fatalCloses
    .login(() => client.login(config.token))
    .catch(async (error: unknown) => {
      // Nothing was announced yet; the voice snapshot stays as the last process left it.
      await shutDown({ saveVoice: false });
      throw error;
    });

  return {
    client,
    health,
    healthPort: healthServer?.port,
    flush: () => delivery.flush(),
    async stop() {
      await shutDown({ saveVoice: true });
      logger.info("stopped");
    },
  };
}
