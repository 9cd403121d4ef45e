import type { Logger } from "pino";
import type { Health } from "./health-server.js";

/** What the bot reads of a 429 discord.js meets (the fields of @discordjs/rest's RateLimitData it uses). */
export interface RateLimitHeard {
  method: string;
  route: string;
  /** How long discord.js waits before retrying, ms. */
  retryAfter: number;
  global: boolean;
  scope: string;
}

/**
 * The last 429 discord.js is waiting out, logged and given as /healthz's reason while the bot is not ready. During a
 * Cloudflare ban (discord-api-docs, developers/topics/rate-limits.mdx, "Invalid Request Limit aka Cloudflare bans")
 * that wait is hours with no gateway; without a reason it looked like a hang.
 */
export class RateLimitReason {
  private last: { until: number; text: string } | undefined;

  constructor(private readonly options: { now: () => number; logger: Logger }) {}

  /** A 429 discord.js is about to wait out. */
  heard(info: RateLimitHeard): void {
    const until = this.options.now() + info.retryAfter;
    const text = `Discord answered 429 to ${info.method} ${info.route} (${info.global ? "global" : info.scope}); discord.js waits ${Math.ceil(info.retryAfter / 1000)} s, until ${new Date(until).toISOString()}. Hours mean a Cloudflare ban of this IP for too many 401/403/429 answers`;
    this.last = { until, text };
    const { method, route, retryAfter, global, scope } = info;
    this.options.logger.warn(
      { route, method, retryAfterMs: retryAfter, global, scope },
      "rate limited by Discord",
    );
  }

  /** The health as it is, with the 429 being waited out as its reason while the bot is not ready. */
  explain(health: Health): Health {
    const waiting = !health.ready && this.last !== undefined && this.last.until > this.options.now();
    return waiting && this.last ? { ...health, reason: this.last.text } : health;
  }
}
