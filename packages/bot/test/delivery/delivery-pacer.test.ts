import { DEFAULT_RETRY_AFTER_MS } from "@stepcord/events";
import { expect } from "chai";
import type { DeliveryOutcome } from "../../src/delivery/delivery-outcome.js";
import {
  DEFAULT_DESTINATION,
  DeliveryPacer,
  type DeliveryPacerOptions,
  MAX_GUESSED_RATE_LIMIT_WAIT_MS,
} from "../../src/delivery/delivery-pacer.js";

const A = "100000000000000041";
const B = "100000000000000042";
const NOW = 1_000_000;

const failed: DeliveryOutcome = { action: "retry", why: "workflow-failed" };
const noAnswer: DeliveryOutcome = { action: "retry", why: "no-answer" };
const delivered: DeliveryOutcome = { action: "delivered", how: "delivered" };
const rateLimited = (retryAfterMs: number): DeliveryOutcome => ({
  action: "wait",
  why: "rate-limited",
  retryAfterMs,
  posted: false,
});
const guessed: DeliveryOutcome = {
  action: "wait",
  why: "rate-limited",
  retryAfterMs: DEFAULT_RETRY_AFTER_MS,
  posted: false,
  retryAfterGuessed: true,
};

function pacer(options: Partial<DeliveryPacerOptions> = {}): DeliveryPacer {
  return new DeliveryPacer({
    destinationOf: () => DEFAULT_DESTINATION,
    random: () => 0.5,
    baseDelayMs: 250,
    maxDelayMs: 30_000,
    ...options,
  });
}

describe("DeliveryPacer", () => {
  it("backs off a failing guild with a cap that doubles per failure in a row, up to the maximum", () => {
    const p = pacer();
    const waits = Array.from({ length: 10 }, () => (p.record(A, failed, NOW)?.waitMs ?? 0) * 2);
    expect(waits).to.deep.equal([250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it("holds only the failing guild when its workflow failed", () => {
    const p = pacer();
    p.record(A, failed, NOW);
    expect(p.notBefore(A)).to.be.greaterThan(NOW);
    expect(p.notBefore(B)).to.be.at.most(NOW);
  });

  it("holds every guild after an endpoint failure, and forgets the endpoint's count once any guild gets an answer", () => {
    const p = pacer();
    p.record(A, noAnswer, NOW);
    p.record(A, noAnswer, NOW);
    expect(p.notBefore(B)).to.equal(NOW + 250);
    p.record(B, delivered, NOW);
    expect(p.record(A, noAnswer, NOW)).to.deep.equal({ waitMs: 125, holds: "endpoint" });
  });

  it("starts a guild's backoff over after a delivery", () => {
    const p = pacer();
    p.record(A, failed, NOW);
    p.record(A, failed, NOW);
    p.record(A, delivered, NOW);
    expect(p.notBefore(A)).to.be.at.most(NOW);
    expect(p.record(A, failed, NOW)?.waitMs).to.equal(125);
  });

  it("holds every guild of the rate-limited destination for Discord's retry_after, and no other destination", () => {
    const destinations: Record<string, string> = { [A]: "webhook-1", [B]: "webhook-1", C: "webhook-2" };
    const p = pacer({ destinationOf: (guildId) => destinations[guildId] ?? DEFAULT_DESTINATION });
    expect(p.record(A, rateLimited(1_500), NOW)).to.deep.equal({ waitMs: 1_500, holds: "destination" });
    expect(p.notBefore(B)).to.equal(NOW + 1_500);
    expect(p.notBefore("C")).to.be.at.most(NOW);
  });

  it("holds every destination for a 429 Discord calls global, since the global limit counts all of the caller's requests", () => {
    const destinations: Record<string, string> = { [A]: "webhook-1", [B]: "webhook-2" };
    const p = pacer({ destinationOf: (guildId) => destinations[guildId] ?? DEFAULT_DESTINATION });
    const global: DeliveryOutcome = { ...rateLimited(1_500), global: true } as DeliveryOutcome;
    expect(p.record(A, global, NOW)).to.deep.equal({ waitMs: 1_500, holds: "global" });
    expect(p.notBefore(B)).to.equal(NOW + 1_500);
    expect(p.notBefore("C")).to.equal(NOW + 1_500);
  });

  it("never shortens a destination's wait when a later 429 asks for less", () => {
    const p = pacer();
    p.record(A, rateLimited(60_000), NOW);
    p.record(B, rateLimited(1_000), NOW + 10);
    expect(p.notBefore(B)).to.equal(NOW + 60_000);
  });

  it("doubles a guessed 429 wait from DEFAULT_RETRY_AFTER_MS, never below it, up to ten minutes", () => {
    const p = pacer({ random: () => 0 });
    const waits = Array.from({ length: 11 }, () => p.record(A, guessed, NOW)?.waitMs);
    expect(waits.slice(0, 4)).to.deep.equal([2_000, 4_000, 8_000, 16_000]);
    expect(waits.at(-1)).to.equal(MAX_GUESSED_RATE_LIMIT_WAIT_MS);
    const jittered = pacer({ random: () => 0.999 }).record(A, guessed, NOW)?.waitMs ?? 0;
    expect(jittered).to.be.within(DEFAULT_RETRY_AFTER_MS, 1.5 * DEFAULT_RETRY_AFTER_MS);
  });

  it("guesses from the start again once Discord took a post through the destination", () => {
    const p = pacer({ random: () => 0 });
    p.record(A, guessed, NOW);
    p.record(A, guessed, NOW);
    p.record(B, delivered, NOW);
    expect(p.record(A, guessed, NOW)?.waitMs).to.equal(DEFAULT_RETRY_AFTER_MS);
  });

  it("holds only the guild whose batch another execution holds (in flight)", () => {
    const p = pacer();
    p.record(A, { action: "wait", why: "in-flight", retryAfterMs: 5_000, posted: "unknown" }, NOW);
    expect(p.notBefore(A)).to.equal(NOW + 5_000);
    expect(p.notBefore(B)).to.be.at.most(NOW);
  });
});
