import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import pino from "pino";
import { FATAL_BACKOFF_FILE, FatalBackoff } from "../../src/gateway/fatal-backoff.js";
import { FatalCloses } from "../../src/gateway/fatal-closes.js";
import type { GatewayFatalError } from "../../src/gateway/gateway-fatal-error.js";
import { sleepingClock } from "../support/sleeping-clock.js";

async function watching() {
  const file = join(await mkdtemp(join(tmpdir(), "stepcord-fatal-")), FATAL_BACKOFF_FILE);
  const { now, sleep } = sleepingClock();
  const reported: GatewayFatalError[] = [];
  const closes = new FatalCloses({
    backoff: new FatalBackoff({ file, now, sleep }),
    logger: pino({ level: "silent" }),
    onFatal: (error) => reported.push(error),
  });
  return { closes, reported };
}

describe("FatalCloses", () => {
  it("reports a fatal close as a GatewayFatalError with its code, close code and wait", async () => {
    const { closes, reported } = await watching();
    closes.closed(4014);
    await closes.reported();
    expect(reported).to.have.length(1);
    expect(reported[0]).to.include({
      name: "GatewayFatalError",
      code: "GATEWAY_FATAL",
      closeCode: 4014,
      attempt: 1,
      delayMs: 60_000,
    });
    expect(reported[0]?.message).to.match(/fatal code 4014.*fix the token\/intents and restart/);
  });

  it("ignores a close a reconnect can fix, such as 4000", async () => {
    const { closes, reported } = await watching();
    closes.closed(4000);
    await closes.reported();
    expect(reported).to.deep.equal([]);
  });

  it("reports only the first of several fatal closes", async () => {
    const { closes, reported } = await watching();
    closes.closed(4004);
    closes.closed(4004);
    await closes.reported();
    expect(reported).to.have.length(1);
  });
});
