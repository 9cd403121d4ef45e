import { setTimeout as delay } from "node:timers/promises";

/**
 * Discord lets `max_concurrency` shards identify per 5 s, one per rate-limit key `shard_id % max_concurrency`
 * (discord-api-docs, developers/events/gateway.mdx, "Max Concurrency"; over it, an Invalid Session, "Rate Limiting").
 * The key is per bot token, not per process: two ECS tasks with disjoint shard ranges still share every key, and
 * discord.js's own SimpleIdentifyThrottler (@discordjs/ws src/throttling/SimpleIdentifyThrottler.ts) only knows its
 * own process. So a task that runs part of the shards identifies each shard only in that shard's slot of a schedule
 * every task derives alike from the wall clock: time is cut into windows of IDENTIFY_SLOT_MS; a key's shards take
 * turns, shard `s` owning the windows `w` with `w % ceil(count / max_concurrency) === floor(s / max_concurrency)`.
 * Two shards of one key never own the same window, whichever task runs them and whenever it started.
 */
export const DISCORD_IDENTIFY_WINDOW_MS = 5_000;
/**
 * One window: Discord's 5 s plus a second for what can move an identify within its window — clocks between tasks
 * (ECS tasks keep time through the Amazon Time Sync Service), a late timer, the connection's latency.
 */
export const IDENTIFY_SLOT_MS = DISCORD_IDENTIFY_WINDOW_MS + 1_000;

export interface IdentifySlotInput {
  shardId: number;
  shardCount: number;
  maxConcurrency: number;
  /** Epoch ms. */
  now: number;
  /** The window index must be above this one (the shard's last identify), so one shard never takes a window twice. */
  after?: number | undefined;
  windowMs?: number | undefined;
}

/** The next window shard `shardId` may identify in, at or after `now`: its index and when it starts (epoch ms). */
export function nextIdentifySlot(input: IdentifySlotInput): { window: number; at: number } {
  const windowMs = input.windowMs ?? IDENTIFY_SLOT_MS;
  const turns = Math.ceil(input.shardCount / input.maxConcurrency);
  const turn = Math.floor(input.shardId / input.maxConcurrency) % turns;
  let window = Math.ceil(input.now / windowMs);
  if (input.after !== undefined) window = Math.max(window, input.after + 1);
  window += (turn - (window % turns) + turns) % turns;
  return { window, at: window * windowMs };
}

/** What the throttler needs of @discordjs/ws's WebSocketManager: the cached GET /gateway/bot. */
export interface GatewayInformationSource {
  fetchGatewayInformation(): Promise<{ session_start_limit: { max_concurrency: number } }>;
}

export interface SlotIdentifyThrottlerOptions {
  shardCount: number;
  maxConcurrency: number;
  now?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** @discordjs/ws's IIdentifyThrottler, waiting for each shard's slot of the shared schedule above. */
export class SlotIdentifyThrottler {
  private readonly lastWindow = new Map<number, number>();
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: SlotIdentifyThrottlerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
  }

  /** discord.js's `ws.buildIdentifyThrottler`: max_concurrency from GET /gateway/bot, as its default does. */
  static builder(shardCount: number) {
    return async (manager: GatewayInformationSource) => {
      const info = await manager.fetchGatewayInformation();
      return new SlotIdentifyThrottler({
        shardCount,
        maxConcurrency: info.session_start_limit.max_concurrency,
      });
    };
  }

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const { window, at } = nextIdentifySlot({
      shardId,
      shardCount: this.options.shardCount,
      maxConcurrency: this.options.maxConcurrency,
      now: this.now(),
      after: this.lastWindow.get(shardId),
    });
    this.lastWindow.set(shardId, window);
    const waitMs = at - this.now();
    if (waitMs > 0) await this.sleep(waitMs, signal);
  }
}
