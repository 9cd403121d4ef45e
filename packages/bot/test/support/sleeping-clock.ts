/** A clock that only moves when the code under test sleeps (or the test moves it). */
export function sleepingClock() {
  const clock = { nowMs: 0, slept: [] as number[] };
  return {
    clock,
    now: () => clock.nowMs,
    sleep: async (ms: number) => {
      clock.slept.push(ms);
      clock.nowMs += ms;
    },
  };
}
