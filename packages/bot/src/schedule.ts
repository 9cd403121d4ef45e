/** Schedules `run` after `ms`; returns a cancel function. Injected in tests, which fire timers by hand. */
export type Schedule = (run: () => void, ms: number) => () => void;
