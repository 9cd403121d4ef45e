import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { FakeGatewayError } from "./fake-gateway-error.js";
import {
  FAKE_BOT_USER,
  type FakeGuild,
  type FakeVoiceState,
  guildCreatePayload,
  voiceStatePayload,
} from "./fake-guild.js";

export interface StartFakeDiscordOptions {
  guilds: FakeGuild[];
  host?: string;
  port?: number;
  /** Heartbeat interval sent in HELLO, ms. */
  heartbeatInterval?: number;
}

export interface FakeDiscord {
  restUrl: string;
  gatewayUrl: string;
  token: string;
  botUserId: string;
  emitVoiceStateUpdate(state: FakeVoiceState & { guild_id: string }): void;
  /** Replaces a guild's voice states without a dispatch, as if changes happened while the bot was away. */
  setVoiceStatesSilently(guildId: string, states: FakeVoiceState[]): void;
  /** A guild outage: GUILD_DELETE with `unavailable: true` (the client keeps the guild, marked unavailable). */
  guildOutage(guildId: string): void;
  /** The guild is back: a fresh GUILD_CREATE with its current voice states (discord.js emits `guildAvailable`). */
  guildRecovers(guildId: string): void;
  invalidateSession(resumable: boolean): void;
  disconnect(code?: number): void;
  readonly identifyCount: number;
  readonly resumeCount: number;
  close(): Promise<void>;
}

interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

const BOT_USER = { ...FAKE_BOT_USER, discriminator: "0", global_name: null, avatar: null, flags: 0 };

/** Starts an HTTP REST + WebSocket gateway that the real discord.js Client can log in to. */
export async function startFakeDiscord(options: StartFakeDiscordOptions): Promise<FakeDiscord> {
  const token = "fake-bot-token";
  const host = options.host ?? "127.0.0.1";
  const guilds = options.guilds;
  let sessionId = "";
  let seq = 0;
  let log: Dispatch[] = [];
  let socket: WebSocket | undefined;
  let identifyCount = 0;
  let resumeCount = 0;
  let gatewayUrl = "";

  const server = createServer((req, res) => handleRest(req, res));
  const wss = new WebSocketServer({ server });

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  function restResponse(method: string, path: string): [number, unknown] {
    if (method === "GET" && path === "/api/v10/gateway/bot") {
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 };
      return [200, { url: gatewayUrl, shards: 1, session_start_limit: limit }];
    }
    if (method === "GET" && path === "/api/v10/users/@me") return [200, BOT_USER];
    if (method === "GET" && path === "/api/v10/applications/@me")
      return [200, { id: BOT_USER.id, name: "stepcord", flags: 0 }];
    return [404, { message: "404: Not Found", code: 0 }];
  }

  function handleRest(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "").split("?")[0] ?? "";
    if (req.headers.authorization !== `Bot ${token}`) {
      json(res, 401, { message: "401: Unauthorized", code: 0 });
      return;
    }
    const [status, body] = restResponse(req.method ?? "GET", path);
    json(res, status, body);
  }

  function send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  function dispatch(t: string, d: unknown): void {
    seq += 1;
    const entry = { s: seq, t, d };
    log.push(entry);
    if (socket) send(socket, { op: 0, ...entry });
  }

  wss.on("connection", (ws) => {
    socket?.terminate();
    socket = ws;
    send(ws, { op: 10, d: { heartbeat_interval: options.heartbeatInterval ?? 41_250 }, s: null, t: null });
    ws.on("close", () => {
      if (socket === ws) socket = undefined;
    });
    ws.on("message", (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | number | null };
      if (msg.op === 1) {
        send(ws, { op: 11, d: null, s: null, t: null });
        return;
      }
      if (msg.op === 2) {
        identify(ws, msg.d as Record<string, unknown>);
        return;
      }
      if (msg.op === 6) {
        resume(ws, msg.d as Record<string, unknown>);
        return;
      }
    });
  });

  function identify(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== token && d.token !== `Bot ${token}`) {
      ws.close(4004, "Authentication failed.");
      return;
    }
    identifyCount += 1;
    sessionId = `fake-session-${identifyCount}`;
    seq = 0;
    log = [];
    dispatch("READY", {
      v: 10,
      user: BOT_USER,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: gatewayUrl,
      shard: [0, 1],
      application: { id: BOT_USER.id, flags: 0 },
    });
    for (const g of guilds) dispatch("GUILD_CREATE", guildCreatePayload(g));
  }

  function resume(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.session_id !== sessionId || sessionId === "") {
      send(ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    resumeCount += 1;
    const after = typeof d.seq === "number" ? d.seq : 0;
    for (const entry of log.filter((e) => e.s > after)) send(ws, { op: 0, ...entry });
    seq += 1;
    const resumed = { s: seq, t: "RESUMED", d: {} };
    log.push(resumed);
    send(ws, { op: 0, ...resumed });
  }

  function findGuild(guildId: string): FakeGuild {
    const guild = guilds.find((g) => g.id === guildId);
    if (!guild)
      throw new FakeGatewayError(
        "UNKNOWN_GUILD",
        `No fake guild ${guildId}; pass it in startFakeDiscord({ guilds }).`,
      );
    return guild;
  }

  function applyToSnapshot(state: FakeVoiceState & { guild_id: string }): void {
    const guild = findGuild(state.guild_id);
    guild.voice_states = guild.voice_states.filter((v) => v.user_id !== state.user_id);
    if (state.channel_id !== null) guild.voice_states.push(state);
    if (state.member && !guild.members.some((m) => m.user.id === state.user_id))
      guild.members.push(state.member);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://${host}:${port}`;

  return {
    restUrl: `http://${host}:${port}/api`,
    gatewayUrl,
    token,
    botUserId: BOT_USER.id,
    emitVoiceStateUpdate(state) {
      applyToSnapshot(state);
      const guild = guilds.find((g) => g.id === state.guild_id);
      const member =
        state.member === null
          ? undefined
          : (state.member ?? guild?.members.find((m) => m.user.id === state.user_id));
      const payload = voiceStatePayload({ ...state, member: undefined }, state.guild_id);
      if (member)
        payload.member = {
          roles: [],
          joined_at: "2024-01-01T00:00:00.000Z",
          deaf: false,
          mute: false,
          ...member,
        };
      else delete payload.member;
      dispatch("VOICE_STATE_UPDATE", payload);
    },
    setVoiceStatesSilently(guildId, states) {
      findGuild(guildId).voice_states = states;
    },
    guildOutage(guildId) {
      dispatch("GUILD_DELETE", { id: findGuild(guildId).id, unavailable: true });
    },
    guildRecovers(guildId) {
      dispatch("GUILD_CREATE", guildCreatePayload(findGuild(guildId)));
    },
    invalidateSession(resumable) {
      if (!socket)
        throw new FakeGatewayError("NOT_CONNECTED", "No client is connected; wait for clientReady first.");
      if (!resumable) sessionId = "";
      send(socket, { op: 9, d: resumable, s: null, t: null });
    },
    disconnect(code = 4000) {
      if (!socket)
        throw new FakeGatewayError("NOT_CONNECTED", "No client is connected; wait for clientReady first.");
      socket.close(code, "fake disconnect");
      socket = undefined;
    },
    get identifyCount() {
      return identifyCount;
    },
    get resumeCount() {
      return resumeCount;
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
