import { join } from "node:path";
import type { VoiceEventBatch } from "@stepcord/events";
import type { Credentials, CredentialsProvider } from "@stepcord/signer";
import type { Client } from "discord.js";
import pino, { type Logger } from "pino";
import { Announcer } from "./announcer.js";
import { Batcher } from "./batcher.js";
import { chooseCredentials, type MaybeKeys } from "./bot-credentials.js";
import { inferRegion, parseConfig } from "./config.js";
import { Deliverer } from "./deliverer.js";
import { FATAL_BACKOFF_FILE, FatalBackoff, type Sleep } from "./fatal-backoff.js";
import { type Health, startHealthServer } from "./health-server.js";
import { createLeanClient } from "./lean-client.js";
import { MemberDirectory } from "./member-directory.js";
import { Outbox } from "./outbox.js";
import { RuleGate } from "./rule-gate.js";
import { readStackOutputs, type StackCommand } from "./stack-outputs.js";
import { VOICE_SNAPSHOT_DIR, VoiceSnapshotStore } from "./voice-snapshot-store.js";
import { VoiceTracker } from "./voice-tracker.js";

/** Close codes after which reconnecting cannot help: bad token, bad shard, sharding required, bad/disallowed intents, bad API version. */
export const FATAL_CLOSE_CODES: readonly number[] = [4004, 4010, 4011, 4012, 4013, 4014];

export interface StartOptions {
  env: Record<string, string | undefined>;
  logger?: Logger;
  now?: () => number;
  stackCommand?: StackCommand;
  credentials?: Credentials | CredentialsProvider;
  /**
   * Called once after a fatal gateway close, when its back-off (1 min doubling to 1 h per fatal close in a row,
   * counted in the outbox directory) has been waited out; main.ts exits non-zero.
   */
  onFatal?: (error: Error) => void;
  /** Waits for the fatal-close back-off; tests inject one that returns at once. */
  sleep?: Sleep;
}

export interface Bot {
  client: Client;
  health(): Health;
  healthPort: number | undefined;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export async function start(options: StartOptions): Promise<Bot> {
  const now = options.now ?? Date.now;
  const logger =
    options.logger ?? pino({ redact: ["token", "*.token", "secretAccessKey", "*.secretAccessKey"] });
  const config = parseConfig(options.env);
  let endpoint = config.endpoint;
  let stackKeys: MaybeKeys = {};
  if (!endpoint && config.stack) {
    const outputs = await readStackOutputs(config.stack, options.stackCommand);
    endpoint = outputs.endpoint;
    stackKeys = { accessKeyId: outputs.accessKeyId, secretAccessKey: outputs.secretAccessKey };
  }
  if (!endpoint) throw new Error("unreachable: parseConfig guarantees EVENTS_ENDPOINT or STEPCORD_STACK");
  const region = config.region ?? inferRegion(endpoint);
  let credentials: Credentials | CredentialsProvider;
  if (options.credentials) credentials = options.credentials;
  else {
    const chosen = await chooseCredentials({
      environment: {
        accessKeyId: config.accessKeyId,
        secretAccessKey: config.secretAccessKey,
        sessionToken: config.sessionToken,
      },
      stack: stackKeys,
    });
    credentials = chosen.credentials;
    logger.info({ source: chosen.source }, "AWS credentials");
  }

  const outbox = new Outbox(config.outboxDir);
  await outbox.init();
  const backoff = new FatalBackoff(join(config.outboxDir, FATAL_BACKOFF_FILE), now, options.sleep);
  const deliverer = new Deliverer({ outbox, endpoint, credentials, region, logger, now });
  deliverer.start();

  const gate = new RuleGate(config.rules);
  const batcher = new Batcher(
    config.batchWindowMs,
    () => gate.isQuiet(now()),
    async (batches: VoiceEventBatch[]) => {
      // Queue every batch, let the deliverer start sending while the durable writes complete, then wait for them.
      const written = batches.map((batch) => outbox.put(batch, now()));
      deliverer.kick();
      await Promise.all(written);
      for (const batch of batches)
        logger.info(
          { batchId: batch.batchId, events: batch.events.map((e) => e.id), quiet: batch.quiet },
          "batch queued",
        );
    },
  );

  const directory = new MemberDirectory();
  const client = createLeanClient({ directory, restUrl: config.apiUrl });
  const tracker = new VoiceTracker(
    config.rules.toggles,
    gate,
    () => client.user?.id,
    config.rules.sessionLength,
    now,
    directory,
  );
  const snapshots = new VoiceSnapshotStore({
    dir: join(config.outboxDir, VOICE_SNAPSHOT_DIR),
    now,
    read: (guildId) => tracker.savedGuild(guildId),
    onError: (error) => logger.warn({ err: error.message }, "could not save the voice snapshot"),
  });
  const loaded = await snapshots.load();
  if (loaded.status === "loaded") tracker.restore(loaded.guilds);
  logger.info(
    { status: loaded.status, ageMs: "ageMs" in loaded ? loaded.ageMs : undefined },
    "voice snapshot from before the restart",
  );
  let ready = false;
  let accepting = true;
  const announcer = new Announcer({ rules: config.rules, emit: (event) => batcher.add(event), now });
  const intake = (guildId: string, events: ReturnType<VoiceTracker["update"]>) => {
    snapshots.changed(guildId);
    if (!accepting) return;
    for (const e of events) {
      logger.info(
        { guildId: e.guild.id, channelId: e.channel.id, eventId: e.id, type: e.type },
        "voice event",
      );
      announcer.offer(e);
    }
  };

  client.on("clientReady", () => {
    ready = true;
    logger.info({ guilds: client.guilds.cache.size }, "ready");
    backoff
      .reset()
      .catch((error: unknown) =>
        logger.warn({ err: (error as Error).message }, "could not clear the fatal-close back-off"),
      );
  });
  // Every GUILD_CREATE is a full voice snapshot to diff: a new guild (guildCreate), a guild back from an outage or
  // from a re-identify (guildAvailable), and at shardReady every guild that is available. A guild still unavailable
  // has an empty cache, which is not "everyone left": it is synced when its GUILD_CREATE arrives.
  client.on("shardReady", () => {
    for (const guild of client.guilds.cache.values())
      if (guild.available) intake(guild.id, tracker.syncGuild(guild));
  });
  client.on("guildCreate", (guild) => intake(guild.id, tracker.syncGuild(guild)));
  client.on("guildAvailable", (guild) => intake(guild.id, tracker.syncGuild(guild)));
  client.on("guildUnavailable", (guild) => logger.warn({ guildId: guild.id }, "guild unavailable"));
  client.on("voiceStateUpdate", (_old, next) => intake(next.guild.id, tracker.update(next)));
  client.on("shardResume", (shardId, replayed) => logger.info({ shardId, replayed }, "gateway resumed"));
  let fatalExit: Promise<void> | undefined;
  client.on("shardDisconnect", (event, shardId) => {
    logger.warn({ shardId, code: event.code }, "gateway closed");
    if (FATAL_CLOSE_CODES.includes(event.code)) fatalExit ??= backOffThenReport(event.code);
  });
  const backOffThenReport = async (closeCode: number) => {
    const { attempt, delayMs, until } = await backoff.record();
    logger.fatal(
      { closeCode, attempt, delayMs, code: "GATEWAY_FATAL" },
      "fatal gateway close; waiting before exit so restarts do not spend the identify budget",
    );
    await backoff.waitUntil(until);
    const error = Object.assign(
      new Error(
        `Discord closed the gateway with fatal code ${closeCode} (fatal close ${attempt} in a row, waited ${delayMs} ms); fix the token/intents and restart`,
      ),
      { code: "GATEWAY_FATAL", closeCode, attempt, delayMs },
    );
    options.onFatal?.(error);
  };

  const health = (): Health => ({
    ready,
    // The outbox's own count, not the deliverer's last listing, which goes stale while a send hangs or backs off.
    outboxDepth: outbox.size + batcher.size,
    lastDeliveryAt: deliverer.lastDeliveryAt,
  });
  const healthServer =
    config.healthPort === undefined ? undefined : await startHealthServer(config.healthPort, health);

  const waitedMs = await backoff.waitOut();
  if (waitedMs > 0) logger.warn({ waitedMs }, "waited out the back-off of an earlier fatal gateway close");
  try {
    await client.login(config.token);
  } catch (error) {
    // A fatal close during login (disallowed intents) also rejects login: serve its back-off before failing.
    if (fatalExit) await fatalExit;
    throw error;
  }

  return {
    client,
    health,
    healthPort: healthServer?.port,
    flush: () => batcher.flush(),
    async stop() {
      accepting = false;
      announcer.stop();
      await batcher.flush();
      await deliverer.stop();
      await client.destroy();
      await snapshots.flush();
      await healthServer?.close();
      logger.info("stopped");
    },
  };
}
