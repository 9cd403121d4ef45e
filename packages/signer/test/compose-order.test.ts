import { expect } from "chai";
import { Agent, type Dispatcher, interceptors } from "undici";
import { sigv4Interceptor } from "../src/interceptor.js";
import { startVerifyingServer, TEST_CREDENTIALS, type VerifyingServer } from "./support/verifying-server.js";

describe("compose order with undici interceptors", () => {
  let server: VerifyingServer;
  let agent: Agent;
  // Each signature gets its own second, so a fresh signature always has a new x-amz-date.
  let tick: number;
  const clock = () => new Date(Date.now() + 1000 * tick++);
  const retry = () =>
    interceptors.retry({ maxRetries: 2, minTimeout: 1, maxTimeout: 1, statusCodes: [503], methods: ["GET"] });
  const signer = () =>
    sigv4Interceptor({
      credentials: TEST_CREDENTIALS,
      region: "us-east-1",
      service: "execute-api",
      now: clock,
    });

  /** An interceptor that rewrites the request: it adds a header. */
  const addHeader: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) =>
    dispatch(
      { ...opts, headers: { ...(opts.headers as Record<string, string>), "x-added": "yes" } },
      handler,
    );

  beforeEach(async () => {
    tick = 0;
    server = await startVerifyingServer({ unavailableFirst: 1 });
    agent = new Agent();
  });
  afterEach(async () => {
    await agent.close();
    await server.close();
  });

  it("re-signs every retry when sigv4 is listed first and retry after it", async () => {
    const client = agent.compose(signer(), retry());
    const response = await client.request({ origin: server.url, path: "/prod/x", method: "GET" });
    await response.body.dump();
    expect(response.statusCode).to.equal(200);
    expect(server.seen.map((seen) => seen.status)).to.deep.equal([503, 200]);
    expect(server.seen[0]?.headers["x-amz-date"]).to.not.equal(server.seen[1]?.headers["x-amz-date"]);
  });

  it("replays one stale signature when retry is listed first (the order to avoid)", async () => {
    const client = agent.compose(retry(), signer());
    const response = await client.request({ origin: server.url, path: "/prod/x", method: "GET" });
    await response.body.dump();
    expect(server.seen.map((seen) => seen.status)).to.deep.equal([503, 200]);
    expect(server.seen[0]?.headers.authorization).to.equal(server.seen[1]?.headers.authorization);
  });

  it("signs a header added by an interceptor listed after sigv4, which runs before it", async () => {
    const response = await agent
      .compose(signer(), addHeader)
      .request({ origin: server.url, path: "/prod/x", method: "GET" });
    await response.body.dump();
    expect(String(server.seen.at(-1)?.headers.authorization)).to.match(
      /SignedHeaders=host;x-added;x-amz-date,/,
    );
  });

  it("leaves unsigned a header added by an interceptor listed before sigv4 (the order to avoid)", async () => {
    const response = await agent
      .compose(addHeader, signer())
      .request({ origin: server.url, path: "/prod/x", method: "GET" });
    await response.body.dump();
    expect(server.seen.at(-1)?.headers["x-added"]).to.equal("yes");
    expect(String(server.seen.at(-1)?.headers.authorization)).to.match(/SignedHeaders=host;x-amz-date,/);
  });
});
