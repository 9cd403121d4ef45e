import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { FATAL_BACKOFF_FILE, FatalBackoff, fatalBackoffMs } from "../../src/gateway/fatal-backoff.js";
import { sleepingClock } from "../support/sleeping-clock.js";

const MINUTE_MS = 60_000;

describe("fatalBackoffMs", () => {
  it("waits a minute after the first fatal close and doubles to at most an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => fatalBackoffMs(n) / MINUTE_MS)).to.deep.equal([
      1, 2, 4, 8, 16, 32, 60, 60, 60,
    ]);
  });
});

describe("FatalBackoff", () => {
  it("counts fatal closes in a row across restarts through its file and starts over after a reset", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "stepcord-backoff-")), FATAL_BACKOFF_FILE);
    const { now, sleep } = sleepingClock();
    const delays: number[] = [];
    for (let restart = 0; restart < 3; restart++)
      delays.push((await new FatalBackoff({ file, now, sleep }).record()).delayMs);
    expect(delays).to.deep.equal([MINUTE_MS, 2 * MINUTE_MS, 4 * MINUTE_MS]);
    await new FatalBackoff({ file, now, sleep }).reset();
    expect((await new FatalBackoff({ file, now, sleep }).record()).attempt).to.equal(1);
  });

  it("treats an unreadable state file as no earlier fatal close", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "stepcord-backoff-")), FATAL_BACKOFF_FILE);
    await writeFile(file, "{torn");
    const { now, sleep, clock } = sleepingClock();
    const backoff = new FatalBackoff({ file, now, sleep });
    expect(await backoff.waitOut()).to.equal(0);
    expect((await backoff.record()).attempt).to.equal(1);
    expect(clock.slept).to.deep.equal([]);
  });
});
