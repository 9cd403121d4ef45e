import { expect } from "chai";
import { type FakeDiscord, startFakeDiscord } from "../src/gateway/index.js";
import { guild, ready } from "./support/gateway-fixture.js";
import { RawGatewayClient } from "./support/raw-gateway-client.js";

describe("the fake gateway's sessions (gateway.mdx, Resuming and Identifying)", () => {
  let fake: FakeDiscord;
  const clients: RawGatewayClient[] = [];
  const connect = async (url: string) => {
    const client = await RawGatewayClient.connect(url);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await fake.close();
  });

  it("gives a resume_gateway_url that is not the connect URL, and resumes there", async () => {
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token);
    const { session_id, resume_gateway_url } = await ready(first);
    expect(resume_gateway_url).to.equal(fake.resumeGatewayUrl);
    expect(resume_gateway_url).to.not.equal(fake.gatewayUrl);
    first.close(4000);
    await first.closedWith();
    const again = await connect(resume_gateway_url);
    again.send({ op: 6, d: { token: fake.token, session_id, seq: 2 } });
    await again.next((p) => p.t === "RESUMED");
    expect(fake.resumedOn).to.deep.equal(["resume"]);
  });

  it("closes with 4004 a RESUME with the wrong token", async () => {
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token);
    const { session_id } = await ready(first);
    const again = await connect(fake.resumeGatewayUrl);
    again.send({ op: 6, d: { token: "stolen", session_id, seq: 1 } });
    expect(await again.closedWith()).to.equal(4004);
  });

  it("closes with 4007 a RESUME whose seq the session never reached", async () => {
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token);
    const { session_id } = await ready(first);
    const again = await connect(fake.resumeGatewayUrl);
    again.send({ op: 6, d: { token: fake.token, session_id, seq: 99 } });
    expect(await again.closedWith()).to.equal(4007);
  });

  it("answers op 9 false to a RESUME of a session that timed out with 4009", async () => {
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token);
    const { session_id } = await ready(first);
    fake.disconnect(4009);
    await first.closedWith();
    const again = await connect(fake.resumeGatewayUrl);
    again.send({ op: 6, d: { token: fake.token, session_id, seq: 2 } });
    const invalid = await again.next((p) => p.op === 9);
    expect(invalid.d).to.equal(false);
  });

  it("spends session_start_limit on an IDENTIFY but not on a RESUME", async () => {
    const before = fake.sessionStartLimit.remaining;
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token);
    const { session_id } = await ready(first);
    first.close(4000);
    await first.closedWith();
    const again = await connect(fake.resumeGatewayUrl);
    again.send({ op: 6, d: { token: fake.token, session_id, seq: 2 } });
    await again.next((p) => p.t === "RESUMED");
    expect(fake.sessionStartLimit.remaining).to.equal(before - 1);
  });

  it("answers op 9 false to a second IDENTIFY within 5 s in the same max_concurrency bucket", async () => {
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token);
    await ready(first);
    const second = await connect(fake.gatewayUrl);
    second.identify(fake.token);
    const invalid = await second.next((p) => p.op === 9);
    expect(invalid.d).to.equal(false);
    expect(fake.identifyCount).to.equal(1);
  });

  it("records the shard of an IDENTIFY it refused for its max_concurrency bucket, across connections", async () => {
    const first = await connect(fake.gatewayUrl);
    first.identify(fake.token, { shard: [0, 2] });
    await ready(first);
    const second = await connect(fake.gatewayUrl);
    second.identify(fake.token, { shard: [1, 2] });
    await second.next((p) => p.op === 9);
    expect(fake.concurrencyRefusedShards).to.deep.equal([[1, 2]]);
  });
});

describe("the fake gateway's identify limits (gateway.mdx, Session Start Limit Object)", () => {
  it("identifies two shards at once when max_concurrency is 2", async () => {
    const fake = await startFakeDiscord({ guilds: [guild()], maxConcurrency: 2 });
    const a = await RawGatewayClient.connect(fake.gatewayUrl);
    const b = await RawGatewayClient.connect(fake.gatewayUrl);
    a.identify(fake.token, { shard: [0, 2] });
    b.identify(fake.token, { shard: [1, 2] });
    await ready(a);
    await ready(b);
    expect(fake.identifiedShards).to.have.deep.members([
      [0, 2],
      [1, 2],
    ]);
    a.close();
    b.close();
    await fake.close();
  });

  it("resets the token and ends every session once the daily identify limit is spent", async () => {
    const fake = await startFakeDiscord({ guilds: [guild()], sessionStartLimit: 1, maxConcurrency: 2 });
    const token = fake.token;
    const a = await RawGatewayClient.connect(fake.gatewayUrl);
    a.identify(token, { shard: [0, 2] });
    await ready(a);
    const b = await RawGatewayClient.connect(fake.gatewayUrl);
    b.identify(token, { shard: [1, 2] });
    expect(await a.closedWith()).to.equal(4004);
    expect(await b.closedWith()).to.equal(4004);
    const res = await fetch(`${fake.restUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${token}` },
    });
    expect(res.status).to.equal(401);
    await fake.close();
  });

  it("answers GET /gateway/bot with 401 for a wrong token, before any socket", async () => {
    const fake = await startFakeDiscord({ guilds: [guild()] });
    const res = await fetch(`${fake.restUrl}/v10/gateway/bot`, { headers: { authorization: "Bot wrong" } });
    expect(res.status).to.equal(401);
    await fake.close();
  });
});

describe("the fake Discord REST during a Cloudflare ban (rate-limits.mdx, Invalid Request Limit)", () => {
  it("answers 429 with Retry-After in seconds and no X-RateLimit headers, then serves again once it ends", async () => {
    const fake = await startFakeDiscord({ guilds: [guild()] });
    fake.cloudflareBan(1);
    const banned = await fetch(`${fake.restUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(banned.status).to.equal(429);
    expect(banned.headers.get("retry-after")).to.equal("1");
    expect([...banned.headers.keys()].some((k) => k.startsWith("x-ratelimit"))).to.equal(false);
    expect(((await banned.json()) as { code: number }).code).to.equal(0);
    fake.cloudflareBan(0);
    const served = await fetch(`${fake.restUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${fake.token}` },
    });
    expect(served.status).to.equal(200);
    await fake.close();
  });
});
