import { StateMachine } from "aws-local-stepfunctions";
import { expect } from "chai";
import fc from "fast-check";
import { CLOCK_FIRST_YEAR, CLOCK_LAST_YEAR, epochClockStates } from "../src/index.js";

const definition = {
  StartAt: "ClockSplit",
  States: {
    ...epochClockStates({
      resultPath: "$.clock",
      leaseSeconds: 120,
      ttlSeconds: 604_800,
      next: "Done",
      source: "$.at",
    }),
    Done: { Type: "Pass", End: true },
  },
};

async function read(
  at: string,
): Promise<{ now: number; nowText: string; leaseUntilText: string; expiresAtText: string }> {
  const machine = new StateMachine(definition as never, {
    validationOptions: { checkArn: true, checkPaths: true },
  });
  const output = (await machine.run({ at } as never).result) as { clock: never };
  return output.clock;
}

describe("epochClockStates", () => {
  it("reads an ISO time as epoch seconds to the minute, through the intrinsics alone (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.date({
          min: new Date(Date.UTC(CLOCK_FIRST_YEAR, 0, 1)),
          max: new Date(Date.UTC(CLOCK_LAST_YEAR, 11, 31, 23, 59, 59)),
          noInvalidDate: true,
        }),
        async (date) => {
          const clock = await read(date.toISOString());
          expect(clock.now).to.equal(Math.floor(date.getTime() / 60_000) * 60);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("reads leap days and the ends of months and years", async () => {
    for (const at of ["2024-02-29T23:59:59.999Z", "2028-12-31T23:59:00Z", "2025-03-01T00:00:00Z"]) {
      expect((await read(at)).now, at).to.equal(Math.floor(Date.parse(at) / 60_000) * 60);
    }
  });

  it("writes the lease and TTL deadlines as the strings DynamoDB's N type takes", async () => {
    const clock = await read("2026-12-07T05:09:21.123Z");
    expect(clock.nowText).to.equal("1796620140");
    expect(clock.leaseUntilText).to.equal(String(1796620140 + 120));
    expect(clock.expiresAtText).to.equal(String(1796620140 + 604_800));
  });
});
