/** A `wait(ms)` the test ends by hand (`endAll`), standing in for the back-off's timer; `asked` lists the waits asked. */
export function manualWaits() {
  const waiting: Array<() => void> = [];
  const asked: number[] = [];
  return {
    wait: (ms: number) =>
      new Promise<void>((resolve) => {
        asked.push(ms);
        waiting.push(resolve);
      }),
    asked,
    pending: () => waiting.length,
    endAll: () => {
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}
