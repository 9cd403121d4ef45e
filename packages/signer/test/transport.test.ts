import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { expect } from "chai";
import { Agent, Client, request } from "undici";
import { sigv4Interceptor } from "../src/interceptor.js";
import { presign } from "../src/sign.js";
import { signedRequest } from "../src/signed-request.js";
import { SigningInputError } from "../src/signing-input-error.js";
import {
  startVerifyingServer,
  TEST_CREDENTIALS,
  TEST_TOKEN_CREDENTIALS,
  type VerifyingServer,
} from "./support/verifying-server.js";

const scope = { region: "us-east-1", service: "execute-api" } as const;

describe("undici transport", () => {
  let server: VerifyingServer;
  let agent: Agent;
  beforeEach(async () => {
    server = await startVerifyingServer();
    agent = new Agent();
  });
  afterEach(async () => {
    await agent.close();
    await server.close();
  });

  it("signs requests through an Agent composed with the sigv4 interceptor", async () => {
    const client = agent.compose(sigv4Interceptor({ credentials: TEST_CREDENTIALS, ...scope }));
    const response = await client.request({
      origin: server.url,
      path: "/prod/events?b=2&a=1",
      method: "POST",
      body: '{"n":1}',
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).to.equal(200);
    expect(await response.body.json()).to.deep.equal({ principal: { user: "tester" }, body: '{"n":1}' });
  });

  it("signs requests through a Client, whose requests carry no origin of their own", async () => {
    const client = new Client(server.url);
    try {
      const composed = client.compose(sigv4Interceptor({ credentials: TEST_CREDENTIALS, ...scope }));
      const response = await composed.request({ path: "/prod/client", method: "GET" });
      expect(response.statusCode).to.equal(200);
      await response.body.dump();
    } finally {
      await client.close();
    }
  });

  it("sends and signs x-amz-content-sha256 when signBody is set", async () => {
    const response = await signedRequest(`${server.url}/prod/x`, {
      method: "PUT",
      body: "payload",
      signBody: true,
      credentials: TEST_CREDENTIALS,
      ...scope,
      dispatcher: agent,
    });
    expect(response.statusCode).to.equal(200);
    await response.body.dump();
    expect(server.seen[0]?.headers["x-amz-content-sha256"]).to.equal(
      "239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5",
    );
  });

  it("serves a presigned URL fetched with plain undici", async () => {
    const { url } = presign({
      request: { method: "GET", url: `${server.url}/prod/shared?x=1` },
      credentials: TEST_CREDENTIALS,
      ...scope,
      expiresSeconds: 60,
    });
    const response = await request(url, { dispatcher: agent });
    expect(response.statusCode).to.equal(200);
    expect(await response.body.json()).to.deep.include({ principal: { user: "tester" } });
  });

  it("never sends aws4's form content-type for a JSON body", async () => {
    const response = await signedRequest(`${server.url}/prod/events`, {
      method: "POST",
      body: "{}",
      credentials: TEST_CREDENTIALS,
      ...scope,
      dispatcher: agent,
    });
    await response.body.dump();
    expect(server.seen[0]?.headers["content-type"]).to.equal(undefined);
  });

  it("signs and sends the session token from a credentials provider", async () => {
    const response = await signedRequest(`${server.url}/prod/x`, {
      credentials: async () => TEST_TOKEN_CREDENTIALS,
      ...scope,
      dispatcher: agent,
    });
    expect(response.statusCode).to.equal(200);
    expect(await response.body.json()).to.deep.include({ principal: { user: "session" } });
    expect(server.seen[0]?.headers["x-amz-security-token"]).to.equal(TEST_TOKEN_CREDENTIALS.sessionToken);
  });

  it("retries once with the server's clock after a Signature expired answer", async () => {
    const hourAgo = () => new Date(Date.now() - 3_600_000);
    const body = Buffer.from('{"retry":true}');
    const response = await signedRequest(`${server.url}/prod/skew`, {
      method: "POST",
      body,
      credentials: TEST_CREDENTIALS,
      ...scope,
      now: hourAgo,
      dispatcher: agent,
    });
    expect(response.statusCode).to.equal(200);
    expect(await response.body.json()).to.deep.include({ body: '{"retry":true}' });
    expect(server.seen.map((seen) => seen.status)).to.deep.equal([403, 200]);
    expect(server.seen[0]?.headers["x-amz-date"]).to.not.equal(server.seen[1]?.headers["x-amz-date"]);
    expect(server.seen.map((seen) => seen.body)).to.deep.equal(['{"retry":true}', '{"retry":true}']);
  });

  it("retries once with the server's clock after a Signature not yet current answer", async () => {
    const inAnHour = () => new Date(Date.now() + 3_600_000);
    const response = await signedRequest(`${server.url}/prod/skew`, {
      credentials: TEST_CREDENTIALS,
      ...scope,
      now: inAnHour,
      dispatcher: agent,
    });
    await response.body.dump();
    expect(server.seen.map((seen) => seen.status)).to.deep.equal([403, 200]);
  });

  it("retries a skewed clock only once and then returns the 403", async () => {
    // first signature an hour behind; the offset is then measured against a correct clock; the re-signature lands 2 h behind
    const shifts = [-3_600_000, 0, -7_200_000];
    let calls = 0;
    const drifting = () => new Date(Date.now() + (shifts[calls++] ?? 0));
    const response = await signedRequest(`${server.url}/prod/skew`, {
      credentials: TEST_CREDENTIALS,
      ...scope,
      now: drifting,
      dispatcher: agent,
    });
    expect(response.statusCode).to.equal(403);
    expect(((await response.body.json()) as { message: string }).message).to.match(/^Signature expired/);
    expect(server.seen).to.have.length(2);
  });

  it("passes a 403 that is not about the clock through untouched", async () => {
    const response = await signedRequest(`${server.url}/prod/x`, {
      credentials: { ...TEST_CREDENTIALS, secretAccessKey: "wrong" },
      ...scope,
      dispatcher: agent,
    });
    expect(response.statusCode).to.equal(403);
    expect(((await response.body.json()) as { message: string }).message).to.match(
      /^The request signature we calculated/,
    );
    expect(server.seen).to.have.length(1);
  });

  it("rejects a streamed body with an error that says to buffer it", async () => {
    const stream = Readable.from([Buffer.from("x")]);
    const error = await signedRequest(`${server.url}/prod/x`, {
      method: "POST",
      body: stream as never,
      credentials: TEST_CREDENTIALS,
      ...scope,
      dispatcher: agent,
    }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(SigningInputError);
    expect((error as Error).message).to.match(/Read the stream into a Buffer/);
    expect(server.seen).to.have.length(0);
  });

  it("fails a request to localhost without an explicit region and service", async () => {
    const error = await signedRequest(`${server.url}/prod/x`, {
      credentials: TEST_CREDENTIALS,
      dispatcher: agent,
    }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal("STEPCORD_SIGNING_SCOPE");
  });

  it("reports incomplete credentials from a provider as the request's error", async () => {
    const error = await signedRequest(`${server.url}/prod/x`, {
      credentials: async () => ({ accessKeyId: "AK", secretAccessKey: "" }),
      ...scope,
      dispatcher: agent,
    }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal("STEPCORD_SIGNING_INPUT");
    expect(server.seen).to.have.length(0);
  });

  it("reports a failing credentials provider as the request's error", async () => {
    const error = await signedRequest(`${server.url}/prod/x`, {
      credentials: async () => Promise.reject(new Error("no creds")),
      ...scope,
      dispatcher: agent,
    }).catch((e: unknown) => e);
    expect((error as Error).message).to.equal("no creds");
  });

  it("streams a large 403 through without holding it for a skew retry", async () => {
    let requests = 0;
    const big = createServer((_req, res) => {
      requests += 1;
      res.writeHead(403, { date: new Date().toUTCString() });
      res.end(`${"x".repeat(100_000)} Signature expired`);
    });
    await new Promise<void>((resolve) => big.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = big.address() as AddressInfo;
      const response = await signedRequest(`http://127.0.0.1:${port}/x`, {
        credentials: TEST_CREDENTIALS,
        ...scope,
        dispatcher: agent,
      });
      expect(response.statusCode).to.equal(403);
      expect((await response.body.text()).length).to.equal(100_018);
      expect(requests).to.equal(1);
    } finally {
      await new Promise<void>((resolve) => big.close(() => resolve()));
    }
  });
});
