import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { type FakeInteractions, interactionDesk } from "../interactions/interaction-desk.js";
import { answer } from "../interactions/interaction-routes.js";
import { readBody } from "../webhook/http-io.js";
import { FakeGatewayError } from "./fake-gateway-error.js";
import {
  FAKE_BOT_USER,
  type FakeGuild,
  type FakeVoiceState,
  guildCreatePayload,
  memberPayload,
  voiceStatePayload,
} from "./fake-guild.js";
import { Close, type CloseCode, type PrivilegedIntent, SESSION_START_LIMIT } from "./gateway-protocol.js";
import { GatewaySessions } from "./gateway-sessions.js";

export interface StartFakeDiscordOptions {
  guilds: FakeGuild[];
  host?: string;
  port?: number;
  /** Heartbeat interval sent in HELLO, ms. @default 41_250 */
  heartbeatInterval?: number;
  /**
   * The privileged intents the app has been granted in the Developer Portal (Bot → Privileged Gateway Intents); an
   * IDENTIFY asking for any other is closed with 4014. @default []
   */
  privilegedIntents?: PrivilegedIntent[];
  /** `session_start_limit.max_concurrency`: identifies allowed per 5 s per rate-limit bucket. @default 1 */
  maxConcurrency?: number;
  /** `session_start_limit.total`: identifies allowed per 24 h. @default 1000 */
  sessionStartLimit?: number;
  /**
   * The clock interactions are timed on (the 3 s initial response, the 15 min token) and snowflakes are made from.
   * @default Date.now
   */
  now?: () => number;
}

export interface SessionStartLimit {
  total: number;
  remaining: number;
  reset_after: number;
  max_concurrency: number;
}

export interface FakeDiscord extends FakeInteractions {
  restUrl: string;
  gatewayUrl: string;
  /** READY's `resume_gateway_url`: a second listener, so a client that resumes on `gatewayUrl` is seen to. */
  resumeGatewayUrl: string;
  token: string;
  botUserId: string;
  emitVoiceStateUpdate(state: FakeVoiceState & { guild_id: string }): void;
  /** Replaces a guild's voice states without a dispatch, as if changes happened while the bot was away. */
  setVoiceStatesSilently(guildId: string, states: FakeVoiceState[]): void;
  /** A guild outage: GUILD_DELETE with `unavailable: true` (the client keeps the guild, marked unavailable). */
  guildOutage(guildId: string): void;
  /** The guild is back: a fresh GUILD_CREATE with its current voice states (discord.js emits `guildAvailable`). */
  guildRecovers(guildId: string): void;
  /** Sends op 9 to every identified connection; `false` also ends the session. */
  invalidateSession(resumable: boolean): void;
  /**
   * Closes every connection with `code`. 4003, 4004, 4007 and 4009 end the session too (opcodes, "Gateway Close
   * Event Codes": "this session has been invalidated", "start a new session", "Your session timed out").
   */
  disconnect(code?: number): void;
  /** Sends op 1: Discord asking for a heartbeat now (gateway.mdx, "Heartbeat Requests"). */
  requestHeartbeat(): void;
  /** Sends op 7: "You should attempt to reconnect and resume immediately" (opcodes, "Gateway Opcodes"). */
  reconnect(): void;
  /**
   * Every open connection goes silent like a half-open TCP connection: no heartbeat ACKs, no events (they are still
   * kept for a resume). gateway.mdx, "Heartbeat Interval": the client should close it and resume.
   */
  zombie(): void;
  /**
   * The next IDENTIFY is closed with this code whatever it carries: a client whose intents are all standard cannot
   * earn 4013/4014 itself, yet a test needs Discord's answer.
   */
  refuseNextIdentify(code: CloseCode): void;
  /**
   * Every REST request answers as during a Cloudflare ban of this IP for `seconds`: 429 with `Retry-After` and none
   * of the X-RateLimit headers. rate-limits.mdx, "Invalid Request Limit aka Cloudflare bans" (10,000 invalid requests
   * per 10 minutes); the shape is not documented: discord/discord-api-docs#5810 (the JSON body, no X-RateLimit
   * headers), discordjs/discord.js#5203 and Javacord/Javacord#704 (Retry-After as a header, in seconds).
   */
  cloudflareBan(seconds: number): void;
  readonly identifyCount: number;
  /**
   * The `shard` of each IDENTIFY answered with op 9 because its `shard_id % max_concurrency` bucket identified less
   * than 5 s before (gateway.mdx, "Max Concurrency"): the bucket is the token's, so it counts across every process.
   */
  readonly concurrencyRefusedShards: ReadonlyArray<[number, number]>;
  readonly resumeCount: number;
  /** Heartbeats (op 1) received from clients. */
  readonly heartbeatCount: number;
  /** Which URL each successful RESUME came in on. */
  readonly resumedOn: ReadonlyArray<"gateway" | "resume">;
  /** The `shard` of each accepted IDENTIFY, in order. */
  readonly identifiedShards: ReadonlyArray<[number, number]>;
  /**
   * Each connection's query (`v`, `encoding`, `compress`). The fake speaks JSON without transport compression
   * (decision 0052); a test holds that discord.js, as configured here, asks for nothing else.
   */
  readonly connectQueries: ReadonlyArray<Record<string, string>>;
  /** What GET /gateway/bot reports now. */
  readonly sessionStartLimit: SessionStartLimit;
  close(): Promise<void>;
}

const BOT_USER = { ...FAKE_BOT_USER, discriminator: "0", global_name: null, avatar: null, flags: 0 };
const FAKE_TOKEN = "fake-bot-token";
/** The body quoted in discord/discord-api-docs#5810. */
const CLOUDFLARE_BAN_MESSAGE =
  "You are being blocked from accessing our API temporarily due to exceeding our rate limits frequently. Please read our docs at https://discord.com/developers/docs/topics/rate-limits to prevent this moving forward.";

/** Starts an HTTP REST + WebSocket gateway that the real discord.js Client can log in to. */
export async function startFakeDiscord(options: StartFakeDiscordOptions): Promise<FakeDiscord> {
  const host = options.host ?? "127.0.0.1";
  const guilds = options.guilds;
  const maxConcurrency = options.maxConcurrency ?? 1;
  const limitTotal = options.sessionStartLimit ?? SESSION_START_LIMIT;

  const server = createServer((req, res) => {
    handleRest(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  // gateway.mdx, "Ready event": `resume_gateway_url` "should be used instead of the URL used when connecting"; a
  // second listener makes the two URLs differ, as Discord's do.
  const resumeServer = createServer((_req, res) => res.writeHead(426).end());
  const sessions = new GatewaySessions({
    guilds,
    botUser: BOT_USER,
    heartbeatIntervalMs: options.heartbeatInterval ?? 41_250,
    privilegedIntents: options.privilegedIntents ?? [],
    maxConcurrency,
    sessionStartLimit: limitTotal,
    token: FAKE_TOKEN,
    resumeGatewayUrl: () => resumeGatewayUrl,
  });
  const wss = new WebSocketServer({ server });
  const resumeWss = new WebSocketServer({ server: resumeServer });
  wss.on("connection", (ws, req) => sessions.accept(ws, "gateway", req.url ?? "/"));
  resumeWss.on("connection", (ws, req) => sessions.accept(ws, "resume", req.url ?? "/"));

  let gatewayUrl = "";
  let resumeGatewayUrl = "";
  let bannedUntil = 0;

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  function restResponse(method: string, path: string): [number, unknown] {
    // gateway.mdx, "Get Gateway Bot": url, recommended shards and the session start limit.
    if (method === "GET" && path === "/api/v10/gateway/bot")
      return [
        200,
        { url: gatewayUrl, shards: sessions.recommendedShards(), session_start_limit: sessions.limit() },
      ];
    if (method === "GET" && path === "/api/v10/users/@me") return [200, BOT_USER];
    if (method === "GET" && path === "/api/v10/applications/@me")
      return [200, { id: BOT_USER.id, name: "stepcord", flags: 0 }];
    return [404, { message: "404: Not Found", code: 0 }];
  }

  async function handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    const bannedMs = bannedUntil - Date.now();
    if (bannedMs > 0) {
      res.writeHead(429, {
        "content-type": "application/json",
        "retry-after": String(Math.ceil(bannedMs / 1000)),
      });
      res.end(JSON.stringify({ code: 0, message: CLOUDFLARE_BAN_MESSAGE }));
      return;
    }
    const method = req.method ?? "GET";
    const route = path.startsWith("/api/v10/")
      ? desk.route(method, path.slice("/api/v10".length))
      : undefined;
    // gateway.mdx, "Get Gateway Bot": "requires authentication using a valid bot token"; opcodes, "HTTP Response
    // Codes": 401 UNAUTHORIZED. A token reset by the identify limit is no longer valid either.
    const authorized = req.headers.authorization === `Bot ${sessions.token}`;
    if (route && (!route.botAuth || authorized)) {
      const body = await readBody(req);
      const [status, answerBody] = answer(route, {
        method,
        path,
        query: url.searchParams,
        headers: req.headers,
        body,
      });
      if (answerBody === undefined) res.writeHead(status).end();
      else json(res, status, answerBody);
      return;
    }
    if (!authorized) {
      json(res, 401, { message: "401: Unauthorized", code: 0 });
      return;
    }
    const [status, body] = restResponse(method, path);
    json(res, status, body);
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

  function applyToSnapshot(state: FakeVoiceState & { guild_id: string }): FakeGuild {
    const guild = findGuild(state.guild_id);
    guild.voice_states = guild.voice_states.filter((v) => v.user_id !== state.user_id);
    if (state.channel_id !== null) guild.voice_states.push(state);
    if (state.member && !guild.members.some((m) => m.user.id === state.user_id))
      guild.members.push(state.member);
    return guild;
  }

  const desk = interactionDesk({
    now: options.now ?? Date.now,
    botUser: BOT_USER,
    findGuild,
    dispatch: (guildId, t, d) => sessions.dispatchUngated(guildId, t, d),
  });

  const listen = (s: Server) =>
    new Promise<number>((resolve) =>
      s.listen(s === server ? (options.port ?? 0) : 0, host, () =>
        resolve((s.address() as AddressInfo).port),
      ),
    );
  gatewayUrl = `ws://${host}:${await listen(server)}`;
  resumeGatewayUrl = `ws://${host}:${await listen(resumeServer)}`;
  const port = (server.address() as AddressInfo).port;

  return {
    restUrl: `http://${host}:${port}/api`,
    gatewayUrl,
    resumeGatewayUrl,
    get token() {
      return sessions.token;
    },
    botUserId: BOT_USER.id,
    emitVoiceStateUpdate(state) {
      const guild = applyToSnapshot(state);
      const member =
        state.member === null
          ? undefined
          : (state.member ?? guild.members.find((m) => m.user.id === state.user_id));
      const payload = voiceStatePayload(state, state.guild_id);
      if (member) payload.member = memberPayload(member);
      sessions.dispatchForGuild(guild.id, "VOICE_STATE_UPDATE", payload);
    },
    setVoiceStatesSilently(guildId, states) {
      findGuild(guildId).voice_states = states;
    },
    guildOutage(guildId) {
      sessions.dispatchForGuild(guildId, "GUILD_DELETE", { id: findGuild(guildId).id, unavailable: true });
    },
    guildRecovers(guildId) {
      sessions.dispatchForGuild(guildId, "GUILD_CREATE", guildCreatePayload(findGuild(guildId)));
    },
    invalidateSession(resumable) {
      sessions.requireConnected();
      sessions.invalidate(resumable);
    },
    disconnect(code = Close.UnknownError) {
      sessions.requireConnected();
      sessions.closeAll(code);
    },
    requestHeartbeat() {
      sessions.requireConnected();
      sessions.requestHeartbeat();
    },
    reconnect() {
      sessions.requireConnected();
      sessions.reconnect();
    },
    zombie() {
      sessions.requireConnected();
      sessions.zombie();
    },
    refuseNextIdentify(code) {
      sessions.refuseNextIdentify = code;
    },
    cloudflareBan(seconds) {
      bannedUntil = Date.now() + seconds * 1000;
    },
    get identifyCount() {
      return sessions.identifyCount;
    },
    get concurrencyRefusedShards() {
      return sessions.concurrencyRefusedShards;
    },
    get heartbeatCount() {
      return sessions.heartbeatCount;
    },
    get resumeCount() {
      return sessions.resumedOn.length;
    },
    get resumedOn() {
      return sessions.resumedOn;
    },
    get identifiedShards() {
      return sessions.identifiedShards;
    },
    get connectQueries() {
      return sessions.connectQueries;
    },
    get sessionStartLimit() {
      return sessions.limit();
    },
    applicationId: desk.applicationId,
    dispatchInteraction: desk.dispatchInteraction,
    interaction: desk.interaction,
    registeredCommands: desk.registeredCommands,
    commandOverwrites: desk.commandOverwrites,
    async close() {
      sessions.stop();
      for (const [ws, http] of [
        [wss, server],
        [resumeWss, resumeServer],
      ] as const) {
        for (const c of ws.clients) c.terminate();
        await new Promise<void>((resolve) => ws.close(() => resolve()));
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
      }
    },
  };
}
