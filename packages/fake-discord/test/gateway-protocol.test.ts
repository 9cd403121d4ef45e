import { expect } from "chai";
import { type FakeDiscord, type FakeGuild, startFakeDiscord } from "../src/gateway/index.js";
import { RawGatewayClient } from "./support/raw-gateway-client.js";

const GUILDS = 1 << 0;
const GUILD_MEMBERS = 1 << 1;

function guild(id = "100000000000000001"): FakeGuild {
  return {
    id,
    name: `Guild ${id}`,
    channels: [{ id: "200000000000000001", name: "Lounge", type: 2 }],
    members: [{ user: { id: "300000000000000001", username: "ana" } }],
    voice_states: [{ user_id: "300000000000000001", channel_id: "200000000000000001" }],
  };
}

async function ready(client: RawGatewayClient) {
  const payload = await client.next((p) => p.t === "READY");
  return payload.d as { session_id: string; resume_gateway_url: string; guilds: Array<{ id: string }> };
}

describe("the fake gateway's connection rules (gateway.mdx, Connections; opcodes, Gateway Close Event Codes)", () => {
  let fake: FakeDiscord;
  const clients: RawGatewayClient[] = [];
  const connect = async (url = fake.gatewayUrl, query?: string) => {
    const client = await RawGatewayClient.connect(url, query);
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

  it("says HELLO with the heartbeat interval and ACKs a heartbeat with op 11", async () => {
    const client = await connect();
    const hello = await client.next((p) => p.op === 10);
    expect(hello.d).to.deep.equal({ heartbeat_interval: 41_250 });
    client.send({ op: 1, d: null });
    await client.next((p) => p.op === 11);
  });

  it("closes with 4012 a connection asking for a discontinued gateway version", async () => {
    const client = await connect(fake.gatewayUrl, "v=5&encoding=json");
    expect(await client.closedWith()).to.equal(4012);
  });

  it("closes with 4003 a payload sent before identifying", async () => {
    const client = await connect();
    client.send({ op: 3, d: { since: null, activities: [], status: "online", afk: false } });
    expect(await client.closedWith()).to.equal(4003);
  });

  it("closes with 4005 a second IDENTIFY on one connection", async () => {
    const client = await connect();
    client.identify(fake.token);
    await ready(client);
    client.identify(fake.token);
    expect(await client.closedWith()).to.equal(4005);
  });

  it("closes with 4004 an IDENTIFY with the wrong token", async () => {
    const client = await connect();
    client.identify("not-the-token");
    expect(await client.closedWith()).to.equal(4004);
  });

  it("closes with 4001 an opcode a client may not send", async () => {
    const client = await connect();
    client.send({ op: 7, d: null });
    expect(await client.closedWith()).to.equal(4001);
  });

  it("closes with 4002 a payload that is not JSON", async () => {
    const client = await connect();
    client.send("{not json");
    expect(await client.closedWith()).to.equal(4002);
  });

  it("closes with 4008 the 121st payload within 60 seconds", async () => {
    const client = await connect();
    for (let i = 0; i < 121; i++) client.send({ op: 1, d: null });
    expect(await client.closedWith()).to.equal(4008);
    expect(client.received.filter((p) => p.op === 11)).to.have.length(120);
  });

  it("sends op 1 when asked for a heartbeat and op 7 when asked to reconnect", async () => {
    const client = await connect();
    client.identify(fake.token);
    await ready(client);
    fake.requestHeartbeat();
    fake.reconnect();
    await client.next((p) => p.op === 7);
    expect(client.received.filter((p) => p.op === 1 || p.op === 7).map((p) => p.op)).to.deep.equal([1, 7]);
  });
});

describe("the fake gateway drops a connection that stops heartbeating (gateway.mdx, Heartbeat Interval)", () => {
  it("drops it without a close code, and a resume then replays", async () => {
    const fake = await startFakeDiscord({ guilds: [guild()], heartbeatInterval: 300 });
    const client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.identify(fake.token);
    const { session_id, resume_gateway_url } = await ready(client);
    expect(await client.closedWith()).to.equal(1006);
    const again = await RawGatewayClient.connect(resume_gateway_url);
    again.send({ op: 6, d: { token: fake.token, session_id, seq: 1 } });
    await again.next((p) => p.t === "RESUMED");
    expect(again.dispatches().map((p) => p.t)).to.deep.equal(["GUILD_CREATE", "RESUMED"]);
    again.close();
    await fake.close();
  });
});

describe("the fake gateway's intents at IDENTIFY (gateway.mdx, Gateway Intents and Privileged Intents)", () => {
  let fake: FakeDiscord;
  let client: RawGatewayClient;

  afterEach(async () => {
    client.close();
    await fake.close();
  });

  it("closes with 4013 an intent bit Discord does not define", async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
    client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.identify(fake.token, { intents: GUILDS | (1 << 30) });
    expect(await client.closedWith()).to.equal(4013);
  });

  it("closes with 4013 an IDENTIFY without intents", async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
    client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.send({ op: 2, d: { token: fake.token, properties: {} } });
    expect(await client.closedWith()).to.equal(4013);
  });

  it("closes with 4014 a privileged intent the portal has not granted", async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
    client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.identify(fake.token, { intents: GUILDS | GUILD_MEMBERS });
    expect(await client.closedWith()).to.equal(4014);
  });

  it("accepts a privileged intent the portal has granted", async () => {
    fake = await startFakeDiscord({ guilds: [guild()], privilegedIntents: ["GUILD_MEMBERS"] });
    client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.identify(fake.token, { intents: GUILDS | GUILD_MEMBERS });
    await ready(client);
  });

  it("sends no VOICE_STATE_UPDATE to a session without GUILD_VOICE_STATES", async () => {
    fake = await startFakeDiscord({ guilds: [guild()] });
    client = await RawGatewayClient.connect(fake.gatewayUrl);
    client.identify(fake.token, { intents: GUILDS });
    await ready(client);
    fake.emitVoiceStateUpdate({ guild_id: guild().id, user_id: "300000000000000001", channel_id: null });
    fake.guildOutage(guild().id);
    await client.next((p) => p.t === "GUILD_DELETE");
    expect(client.dispatches().map((p) => p.t)).to.deep.equal(["READY", "GUILD_CREATE", "GUILD_DELETE"]);
  });
});

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
