import { expect } from "chai";
import pino from "pino";
import { RateLimitReason } from "../../src/health/rate-limit-reason.js";

const notReady = { ready: false, outboxDepth: 0, lastDeliveryAt: null };
const ban = { method: "GET", route: "/gateway/bot", retryAfter: 3_600_000, global: true, scope: "global" };

function watching() {
  const clock = { nowMs: 0 };
  const reason = new RateLimitReason({ now: () => clock.nowMs, logger: pino({ level: "silent" }) });
  return { clock, reason };
}

describe("RateLimitReason", () => {
  it("gives the 429 being waited out, its route and its end as the reason the bot is not ready", () => {
    const { reason } = watching();
    reason.heard(ban);
    expect(reason.explain(notReady).reason)
      .to.include("429 to GET /gateway/bot")
      .and.include("3600 s")
      .and.include("1970-01-01T01:00:00.000Z");
  });

  it("gives no reason once the wait is over", () => {
    const { clock, reason } = watching();
    reason.heard(ban);
    clock.nowMs = ban.retryAfter;
    expect(reason.explain(notReady)).to.not.have.property("reason");
  });

  it("gives no reason when the bot is ready", () => {
    const { reason } = watching();
    reason.heard(ban);
    expect(reason.explain({ ...notReady, ready: true })).to.not.have.property("reason");
  });
});
