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
import { errorMessage } from "./error-message.js";
import { FATAL_BACKOFF_FILE, FatalBackoff, type Sleep } from "./gateway/fatal-backoff.js";
import { FatalCloses } from "./gateway/fatal-closes.js";
import type { GatewayFatalError } from "./gateway/gateway-fatal-error.js";
import { listenToGateway } from "./gateway/gateway-listeners.js";
import { createLeanClient } from "./gateway/lean-client.js";
import { type Health, startHealthServer } from "./health/health-server.js";
import { RateLimitReason } from "./health/rate-limit-reason.js";
import { Announcer } from "./rules/announcer.js";
import { DiscordSettings } from "./rules/discord-settings.js";
import { type RulesFor, sameRulesForEveryGuild } from "./rules/guild-rules.js";
import { isQuiet } from "./rules/quiet-hours.js";
import { rulesForServers, serverRulesProblems } from "./rules/server-rules.js";
import { MemberDirectory } from "./voice/member-directory.js";
import { restoreVoice } from "./voice/restore-voice.js";
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
  // Per-server rules over the environment's defaults (issue 14); without a server directory, one set for every guild.
  let stackRulesFor: RulesFor = sameRulesForEveryGuild(config.rules);
  if (servers !== undefined) {
    const problems = serverRulesProblems(config.rules, servers.rules);
    if (problems.length > 0) throw new ConfigError(problems);
    stackRulesFor = rulesForServers(config.rules, servers.rules);
  }
  // On top, what each server's admins set with /stepcord (issue 15): applied as the settings workflow answers.
  const discordSettings = new DiscordSettings(stackRulesFor);
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
    released: (guildId) => checkpoint(guildId),
    now,
    logger,
  });
  const { snapshots, landed } = await restoreVoice({
    tracker,
    // A join still inside DWELL_SECONDS is not announced yet: the snapshot leaves the member out, so a crash before
    // the dwell ends finds the member new after the restart and holds the join again (decision 0044).
    announced: (guildId) =>
      tracker.savedGuild(guildId).filter((member) => !announcer.holds(guildId, member.state.userId)),
    outboxDir,
    now,
    logger,
    checkpoints: delivery.voiceCheckpoints(),
  });
  /** A change that needs no batch of its own (or none yet): the snapshot may have it once what came before is on disk. */
  const checkpoint = (guildId: string) => {
    const taken = landed.take(guildId);
    delivery.durable().then(
      () => landed.land(taken),
      (error: unknown) => logger.warn({ guildId, err: errorMessage(error) }, "could not queue voice events"),
    );
  };
  // Each batch carries its guild's voice; the snapshot saves only voice whose batches have landed, and a batch leaves
  // the outbox only once the snapshot is saved past it (0042, 0044).
  delivery.connectVoice({
    voiceOf: (guildId) => landed.take(guildId),
    landed: (taken) => landed.land(taken),
    settle: async (entry) => {
      // A batch queued before 0044 has no sequence number: save whatever has landed.
      if (entry.voice) await snapshots.settle(entry.guildId, entry.voice.seq ?? Number.POSITIVE_INFINITY);
    },
  });
  const gateway = listenToGateway(client, {
    tracker,
    logger,
    onVoice: (guildId, events) => {
      commands.onGuild(guildId);
      for (const event of events) announcer.offer(event);
      checkpoint(guildId);
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
  const health = (): Health => {
    const explained = rateLimits.explain({
      ready: gateway.ready,
      outboxDepth: delivery.depth(),
      lastDeliveryAt: delivery.lastDeliveryAt(),
    });
    // Batch files that cannot be written are kept and tried again, but the bot is not healthy meanwhile: a restart
    // (or a full disk left as it is) would lose them.
    const trouble = delivery.writeTrouble();
    return trouble === undefined ? explained : { ...explained, ready: false, reason: trouble };
  };
  const healthServer =
    config.healthPort === undefined ? undefined : await startHealthServer(config.healthPort, health);
  await fatalCloses
    .login(() => client.login(config.token))
    .catch(async (error: unknown) => {
      // Nothing was announced yet; the voice snapshot stays as the last process left it.
      announcer.stop();
      await delivery.stop();
      await client.destroy();
      await healthServer?.close();
      throw error;
    });

  return {
    client,
    health,
    healthPort: healthServer?.port,
    flush: () => delivery.flush(),
    async stop() {
      announcer.stop();
      await delivery.stop();
      await client.destroy();
      await snapshots.close();
      await healthServer?.close();
      logger.info("stopped");
    },
  };
}
