import { listenReadingBodies, TEST_CREDENTIALS, verifyTestSignature } from "./sigv4-test-server.js";

export { TEST_CREDENTIALS };

export interface ReceivedBatch {
  batchId: string;
  quiet?: boolean;
  events: Array<{
    id: string;
    type: string;
    user: { id: string };
    guild: { id: string };
    channel: { id: string };
  }>;
}

export interface VerifyingServer {
  url: string;
  /** Every verified body, in arrival order (retries included). */
  received: ReceivedBatch[];
  failures: number;
  /** Every verified request as it arrived (path, raw headers, body), to replay it. */
  signedRequests: Array<{ path: string; rawHeaders: string[]; body: string }>;
  /** Requests answered by failNext's status so far. */
  failuresAnswered: number;
  /** Answers the next `n` requests with this status before verifying. */
  failNext(n: number, status: number): void;
  /**
   * Answers each verified batch with this (a 200 and its JSON body; StartSyncExecution's response for an EXPRESS
   * stack, see sync-answers.ts); the default answers `{}`, which the bot reads as a STANDARD stack's start.
   */
  answerWith(answer: ((batch: ReceivedBatch) => unknown) | undefined): void;
  /**
   * Answers verified requests to a path ending in `/settings` (SETTINGS_ROUTE) with this instead of taking them as
   * batches: `[status, body]`; such requests never enter `received`. Unset, they are answered 404 as API Gateway
   * answers a route it does not have.
   */
  answerSettingsWith(handler: ((body: unknown) => [number, unknown]) | undefined): void;
  /** Verified requests to the settings route, counted. */
  readonly settingsRequests: number;
  /** Never answers the next `n` requests (a black-holed endpoint); `hanging` counts them. */
  hangNext(n: number): void;
  readonly hanging: number;
  close(): Promise<void>;
}

/** A local API Gateway stand-in that accepts only requests whose SigV4 signature verifies. */
export async function startVerifyingServer(): Promise<VerifyingServer> {
  let failCount = 0;
  let failStatus = 503;
  let hangCount = 0;
  let hanging = 0;
  let answer: ((batch: ReceivedBatch) => unknown) | undefined;
  let settings: ((body: unknown) => [number, unknown]) | undefined;
  let settingsRequests = 0;
  const state = {
    received: [] as VerifyingServer["received"],
    signedRequests: [] as VerifyingServer["signedRequests"],
    failures: 0,
    failuresAnswered: 0,
  };
  const { server, port } = await listenReadingBodies((request, res) => {
    const { body } = request;
    // The settings route has its own stand-in, with its own faults; hangNext and failNext are the events route's.
    const toSettings = request.url.split("?")[0]?.endsWith("/settings") === true;
    if (hangCount > 0 && !toSettings) {
      hangCount -= 1;
      hanging += 1;
      return;
    }
    if (failCount > 0 && !toSettings) {
      failCount -= 1;
      state.failuresAnswered += 1;
      res.writeHead(failStatus).end();
      return;
    }
    verifyTestSignature(request, "execute-api").then(
      () => {
        if (toSettings) {
          settingsRequests += 1;
          const [status, reply] =
            settings === undefined ? [404, { message: "Not Found" }] : settings(JSON.parse(body));
          res
            .writeHead(status, { "content-type": "application/json" })
            .end(reply === undefined ? "" : JSON.stringify(reply));
          return;
        }
        const batch = JSON.parse(body) as ReceivedBatch;
        state.received.push(batch);
        state.signedRequests.push({ path: request.url, rawHeaders: request.rawHeaders, body });
        const reply = answer === undefined ? {} : answer(batch);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      },
      () => {
        state.failures += 1;
        res.writeHead(403).end();
      },
    );
  });
  return {
    url: `http://127.0.0.1:${port}/prod/events`,
    get received() {
      return state.received;
    },
    get failures() {
      return state.failures;
    },
    get signedRequests() {
      return state.signedRequests;
    },
    get failuresAnswered() {
      return state.failuresAnswered;
    },
    get hanging() {
      return hanging;
    },
    get settingsRequests() {
      return settingsRequests;
    },
    answerSettingsWith(next) {
      settings = next;
    },
    answerWith(next) {
      answer = next;
    },
    hangNext(n) {
      hangCount = n;
    },
    failNext(n, status) {
      failCount = n;
      failStatus = status;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
