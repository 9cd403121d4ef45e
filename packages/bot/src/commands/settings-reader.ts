import { DISCORD_EPOCH_MS, memberPermissionsSplit, SETTINGS_SCHEMA_VERSION } from "@stepcord/definitions";
import type { Logger } from "pino";
import type { DiscordSettings } from "../rules/discord-settings.js";
import { SettingsCallError } from "./settings-call-error.js";
import type { SettingsClient } from "./settings-client.js";

/** Reads at start running at once: enough to load many guilds quickly, few enough not to flood the workflow. */
export const SETTINGS_READ_CONCURRENCY = 4;

export interface SettingsReaderOptions {
  client: Pick<SettingsClient, "call">;
  settings: DiscordSettings;
  /** The bot's user id: the reader a `status` call names. */
  selfId: () => string | undefined;
  now: () => number;
  logger: Logger;
  /** @default SETTINGS_READ_CONCURRENCY */
  concurrency?: number;
}

/**
 * Reads each guild's settings once, the first time the bot sees the guild, with a `status` call (bounded
 * concurrency), so a pause or quiet hours set from Discord before a restart hold from the start. A failed read leaves
 * that guild on the stack's rules and logs the fix; it is not retried until a command answers for the guild.
 */
export class SettingsReader {
  /** Reads started, for the tests and the bench. */
  reads = 0;
  private readonly seen = new Set<string>();
  private readonly queue: string[] = [];
  private running = 0;
  private sequence = 0;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly o: SettingsReaderOptions) {}

  /** A guild the bot sees; read once. */
  want(guildId: string): void {
    if (this.seen.has(guildId)) return;
    this.seen.add(guildId);
    this.queue.push(guildId);
    this.pump();
  }

  /** Settles when no read is queued or running. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    const limit = this.o.concurrency ?? SETTINGS_READ_CONCURRENCY;
    while (this.running < limit && this.queue.length > 0) {
      const guildId = this.queue.shift() as string;
      this.running += 1;
      void this.read(guildId).finally(() => {
        this.running -= 1;
        this.pump();
        if (this.running === 0 && this.queue.length === 0)
          for (const done of this.idleWaiters.splice(0)) done();
      });
    }
  }

  /**
   * A snowflake of this moment for the read's `interactionId` (reference.mdx, "Snowflakes": ms since the Discord
   * epoch above 22 bits). A status read writes nothing, so its id only has to be well-formed and distinct.
   */
  private readId(): string {
    this.sequence = (this.sequence + 1) % 4096;
    return ((BigInt(this.o.now() - DISCORD_EPOCH_MS) << 22n) | BigInt(this.sequence)).toString();
  }

  private async read(guildId: string): Promise<void> {
    this.reads += 1;
    try {
      const answer = await this.o.client.call({
        version: SETTINGS_SCHEMA_VERSION,
        interactionId: this.readId(),
        guildId,
        // Guilds are seen after login, so the bot's id is known; the guild's own id is only a well-formed stand-in.
        userId: this.o.selfId() ?? guildId,
        // The bot reads, it changes nothing: the contract refuses only members who would change settings.
        memberPermissions: "0",
        ...memberPermissionsSplit("0"),
        request: { kind: "status" },
      });
      if (answer.outcome === "refused") {
        this.o.logger.warn(
          { guildId, reason: answer.reason },
          "the settings workflow refused the bot's status read",
        );
        return;
      }
      this.o.settings.apply(answer.settings);
    } catch (error) {
      if (!(error instanceof SettingsCallError)) throw error;
      this.o.logger.warn(
        { guildId, code: error.code, status: error.status },
        `${error.message} (the guild keeps the stack's rules until a /stepcord command answers)`,
      );
    }
  }
}
