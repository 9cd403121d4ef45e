import type { Schedule } from "../../src/schedule.js";

/** A schedule the test fires by hand, standing in for the clock. */
export function manualSchedule() {
  const timers = new Set<{ run: () => void; ms: number }>();
  const schedule: Schedule = (run, ms) => {
    const timer = { run, ms };
    timers.add(timer);
    return () => timers.delete(timer);
  };
  return {
    schedule,
    pending: () => timers.size,
    fireAll: () => {
      for (const timer of [...timers]) {
        timers.delete(timer);
        timer.run();
      }
    },
  };
}
