import { expect } from "chai";
import fc from "fast-check";
import {
  CLAIM_LEASE_MARGIN_SECONDS,
  CLOCK_RESOLUTION_SECONDS,
  claimLeaseSeconds,
  EXPRESS_TIMEOUT_SECONDS,
  STANDARD_TIMEOUT_SECONDS,
} from "../src/index.js";

/** What the epoch clock reads from an execution's start: the minute it started in (epoch-clock.ts). */
const clockReads = (startSeconds: number) => startSeconds - (startSeconds % CLOCK_RESOLUTION_SECONDS);

describe("claimLeaseSeconds", () => {
  for (const timeout of [EXPRESS_TIMEOUT_SECONDS, STANDARD_TIMEOUT_SECONDS]) {
    it(`lets a second execution take a claim over only after its owner stopped and the margin passed (timeout ${timeout} s)`, () => {
      fc.assert(
        fc.property(fc.nat(2_000_000_000), fc.nat(3 * timeout), (ownerStart, later) => {
          const leaseUntil = clockReads(ownerStart) + claimLeaseSeconds(timeout);
          const secondStart = ownerStart + later;
          // ClaimBatch's condition: `leaseUntil < :now`, :now read by the second execution's clock.
          const takesOver = leaseUntil < clockReads(secondStart);
          return !takesOver || secondStart > ownerStart + timeout + CLAIM_LEASE_MARGIN_SECONDS;
        }),
      );
    });
  }

  it("refuses a timeout that is not a whole positive number of seconds", () => {
    for (const bad of [0, -1, 2.5, Number.NaN])
      expect(() => claimLeaseSeconds(bad), String(bad)).to.throw(RangeError);
  });
});
