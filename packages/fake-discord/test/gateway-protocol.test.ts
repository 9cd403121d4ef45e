import { expect } from "chai";
import { type FakeDiscord, startFakeDiscord } from "../src/gateway/index.js";
import { guild, ready } from "./support/gateway-fixture.js";
import { RawGatewayClient } from "./support/raw-gateway-client.js";

const GUILDS = 1 << 0;
const GUILD_MEMBERS = 1 << 1;

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
