/**
 * The demo's evening clock. The bot reads `sceneNow`, which stands still at the current scene's HH:MM, so quiet
 * hours, session lengths and event times are exact on every machine however long a scene takes. The fake Discord
 * reads `now`, the same evening time but ticking in real time, so its rate-limit windows still expire.
 */
export class DemoClock {
  #sceneMs: number;
  #offsetMs: number;

  constructor(startMs: number) {
    this.#sceneMs = startMs;
    this.#offsetMs = startMs - Date.now();
  }

  readonly now = (): number => Date.now() + this.#offsetMs;

  readonly sceneNow = (): number => this.#sceneMs;

  /** Jumps to `ms` (epoch milliseconds); the demo only ever moves forwards. */
  setTo(ms: number): void {
    this.#sceneMs = ms;
    this.#offsetMs = ms - Date.now();
  }
}
