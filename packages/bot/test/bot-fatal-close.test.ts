import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import { FATAL_BACKOFF_FILE } from "../src/gateway/fatal-backoff.js";
import type { GatewayFatalError } from "../src/gateway/gateway-fatal-error.js";
import { until } from "./support/bot-fixture.js";
import { startBotRig } from "./support/bot-rig.js";
import { sleepingClock } from "./support/sleeping-clock.js";

const MINUTE_MS = 60_000;

describe("fatal gateway close codes", () => {
  // 4004 after READY: the session of a token that Discord reset. 4014 answers IDENTIFY, never a ready session
  // (gateway.mdx, "Gateway Restrictions"); bot-fatal-at-login.test.ts drives it there.
  for (const code of [4004]) {
    it(`reports close code ${code} as fatal instead of reconnecting`, async () => {
      let fatal: GatewayFatalError | undefined;
      const rig = await startBotRig({
        start: {
          sleep: async () => undefined,
          onFatal: (error) => {
            fatal = error;
          },
        },
      });
      rig.fake.disconnect(code);
      await until(() => fatal !== undefined);
      expect(fatal?.closeCode).to.equal(code);
      expect(rig.fake.identifyCount).to.equal(1);
      await rig.close();
    });
  }
});

describe("the bot after a fatal gateway close", () => {
  it("waits a minute before reporting it, and a restart killed inside that minute waits the rest before identifying", async () => {
    const { now, sleep, clock } = sleepingClock();
    let fatal: (Error & { attempt?: number; delayMs?: number }) | undefined;
    const rig = await startBotRig({ start: { now, sleep, onFatal: (error) => (fatal = error) } });
    const backoffFile = join(rig.outboxDir, FATAL_BACKOFF_FILE);
    rig.fake.disconnect(4004);
    await until(() => fatal !== undefined);
    expect(clock.slept).to.deep.equal([MINUTE_MS]);
    expect(fatal).to.include({ closeCode: 4004, attempt: 1, delayMs: MINUTE_MS });
    const state = JSON.parse(await readFile(backoffFile, "utf8"));
    expect(state).to.deep.equal({ attempts: 1, lastFatalAt: 0 });
    await rig.stopBot();

    // The process was killed 20 s into its minute (say by a failing health check) and starts again.
    clock.nowMs = 20_000;
    await rig.startBot({ now, sleep });
    expect(clock.slept).to.deep.equal([MINUTE_MS, 40_000]);
    expect(rig.fake.identifyCount).to.equal(2);
    await until(async () =>
      readFile(backoffFile).then(
        () => false,
        () => true,
      ),
    );
    await rig.close();
  });
});
