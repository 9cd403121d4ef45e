import { expect } from "chai";
import pino from "pino";
import { botHealth, withWriteTrouble } from "../../src/health/bot-health.js";
import { RateLimitReason } from "../../src/health/rate-limit-reason.js";

const ready = { ready: true, outboxDepth: 2, lastDeliveryAt: "2026-06-01T12:00:00.000Z" };
const ban = { method: "GET", route: "/gateway/bot", retryAfter: 60_000, global: true, scope: "global" };

describe("withWriteTrouble", () => {
  it("leaves the health as it is while batch files can be written", () => {
    expect(withWriteTrouble(ready, undefined)).to.equal(ready);
  });

  it("makes a ready bot not ready, with the write trouble as its reason", () => {
    expect(withWriteTrouble(ready, "disk full")).to.deep.equal({
      ...ready,
      ready: false,
      reason: "disk full",
    });
  });
});

describe("botHealth", () => {
  const sources = (over: { ready?: boolean; writeTrouble?: string }) => {
    const rateLimits = new RateLimitReason({ now: () => 0, logger: pino({ level: "silent" }) });
    rateLimits.heard(ban);
    return {
      ready: () => over.ready ?? false,
      outboxDepth: () => 4,
      lastDeliveryAt: () => null,
      writeTrouble: () => over.writeTrouble,
      rateLimits,
    };
  };

  it("reads the gateway and the outbox at each call, with the 429 being waited out as the reason", () => {
    const health = botHealth(sources({}))();
    expect(health).to.include({ ready: false, outboxDepth: 4, lastDeliveryAt: null });
    expect(health.reason).to.include("429 to GET /gateway/bot");
  });

  it("gives the write trouble as the reason over a 429 being waited out", () => {
    expect(botHealth(sources({ writeTrouble: "disk full" }))().reason).to.equal("disk full");
  });
});
