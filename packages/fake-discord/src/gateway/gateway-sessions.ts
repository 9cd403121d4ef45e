import type { WebSocket } from "ws";
import { FakeGatewayError } from "./fake-gateway-error.js";
import { type FakeGuild, guildCreatePayload } from "./fake-guild.js";
import {
  CLIENT_OPCODES,
  Close,
  type CloseCode,
  GATEWAY_VERSIONS,
  heartbeatDeadlineMs,
  IDENTIFY_WINDOW_MS,
  Intent,
  intentsVerdict,
  MAX_GUILDS_PER_SHARD,
  Op,
  type PrivilegedIntent,
  rateLimitKey,
  SEND_LIMIT,
  SEND_WINDOW_MS,
  SESSION_START_RESET_MS,
  shardOf,
  shardVerdict,
} from "./gateway-protocol.js";

interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  /** Every dispatch of the session, for a resume to replay. */
  log: Dispatch[];
  connection: Connection | undefined;
}

interface Connection {
  ws: WebSocket;
  via: "gateway" | "resume";
  session: Session | undefined;
  /** When each payload the client sent arrived, for the 120-per-60-s limit. */
  sentAt: number[];
  heartbeatTimer: NodeJS.Timeout | undefined;
  /** Silent: answers nothing and delivers nothing, as a half-open TCP connection. */
  zombie: boolean;
}

export interface GatewaySessionsOptions {
  guilds: FakeGuild[];
  botUser: object & { id: string };
  heartbeatIntervalMs: number;
  privilegedIntents: readonly PrivilegedIntent[];
  maxConcurrency: number;
  sessionStartLimit: number;
  token: string;
  resumeGatewayUrl: () => string;
}

/** Close codes after which the fake forgets the session, so a RESUME gets op 9 `false`. */
const SESSION_ENDING: ReadonlySet<number> = new Set([
  Close.NotAuthenticated,
  Close.AuthenticationFailed,
  Close.InvalidSeq,
  Close.SessionTimedOut,
]);

/** The gateway's sessions and connections: what each opcode does, with the rules of gateway-protocol.ts. */
export class GatewaySessions {
  token: string;
  refuseNextIdentify: CloseCode | undefined;
  identifyCount = 0;
  heartbeatCount = 0;
  readonly resumedOn: Array<"gateway" | "resume"> = [];
  readonly identifiedShards: Array<[number, number]> = [];
  /** The query of each connection: `v`, `encoding` and `compress` as the client sent them. */
  readonly connectQueries: Array<Record<string, string>> = [];
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  /** Last accepted identify per rate-limit key (gateway.mdx, "Max Concurrency"). */
  private readonly lastIdentifyAt = new Map<number, number>();
  private remaining: number;
  private readonly limitWindowStart = Date.now();

  constructor(private readonly options: GatewaySessionsOptions) {
    this.token = options.token;
    this.remaining = options.sessionStartLimit;
  }

  /** gateway.mdx, "Session Start Limit Structure". */
  limit() {
    return {
      total: this.options.sessionStartLimit,
      remaining: this.remaining,
      reset_after: Math.max(0, SESSION_START_RESET_MS - (Date.now() - this.limitWindowStart)),
      max_concurrency: this.options.maxConcurrency,
    };
  }

  /** Discord does not publish how it recommends; the fake asks for a shard per 1,000 guilds, under the 2,500 cap. */
  recommendedShards(): number {
    return Math.max(1, Math.ceil(this.options.guilds.length / 1000));
  }

  accept(ws: WebSocket, via: "gateway" | "resume", url: string): void {
    const query = Object.fromEntries(new URL(url, "ws://fake").searchParams);
    this.connectQueries.push(query);
    const version = query.v === undefined ? 10 : Number(query.v);
    if (!GATEWAY_VERSIONS.has(version)) {
      ws.close(Close.InvalidApiVersion, "fake gateway close");
      return;
    }
    const connection: Connection = {
      ws,
      via,
      session: undefined,
      sentAt: [],
      heartbeatTimer: undefined,
      zombie: false,
    };
    this.connections.add(connection);
    // gateway.mdx, "Hello Event": sent on connect with `heartbeat_interval`.
    this.send(connection, {
      op: Op.Hello,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs },
      s: null,
      t: null,
    });
    this.armHeartbeatDeadline(connection);
    ws.on("close", (code) => {
      clearTimeout(connection.heartbeatTimer);
      this.connections.delete(connection);
      const session = connection.session;
      if (session?.connection === connection) session.connection = undefined;
      // gateway.mdx, "Initiating a Disconnect": "When you close the connection to the gateway with close code 1000 or
      // 1001, your session will be invalidated"; any other close keeps it for a resume.
      if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
    });
    ws.on("message", (raw) => this.receive(connection, String(raw)));
  }

  private receive(connection: Connection, raw: string): void {
    if (connection.zombie) return;
    // gateway.mdx, "Rate Limiting": 120 events per connection per 60 s, "immediately disconnected" (4008).
    const now = Date.now();
    connection.sentAt = connection.sentAt.filter((at) => now - at < SEND_WINDOW_MS);
    connection.sentAt.push(now);
    if (connection.sentAt.length > SEND_LIMIT) {
      this.closeWith(connection, Close.RateLimited);
      return;
    }
    let msg: { op?: unknown; d?: unknown };
    try {
      msg = JSON.parse(raw) as { op?: unknown; d?: unknown };
    } catch {
      // opcodes, 4002 "You sent an invalid payload to Discord".
      this.closeWith(connection, Close.DecodeError);
      return;
    }
    // opcodes, 4001 "You sent an invalid Gateway opcode".
    if (typeof msg.op !== "number" || !CLIENT_OPCODES.has(msg.op)) {
      this.closeWith(connection, Close.UnknownOpcode);
      return;
    }
    if (msg.op === Op.Heartbeat) {
      this.heartbeatCount += 1;
      this.armHeartbeatDeadline(connection);
      // gateway.mdx, "Heartbeat Interval": "Discord will respond with a Heartbeat ACK (opcode 11)".
      this.send(connection, { op: Op.HeartbeatAck });
      return;
    }
    const d = (typeof msg.d === "object" && msg.d !== null ? msg.d : {}) as Record<string, unknown>;
    if (msg.op === Op.Identify) {
      this.identify(connection, d);
      return;
    }
    if (msg.op === Op.Resume) {
      this.resume(connection, d);
      return;
    }
    // opcodes, 4003 "You sent us a payload prior to identifying".
    if (!connection.session) {
      this.closeWith(connection, Close.NotAuthenticated);
      return;
    }
  }

  private identify(connection: Connection, d: Record<string, unknown>): void {
    // opcodes, 4005 "You sent more than one identify payload".
    if (connection.session) {
      this.closeWith(connection, Close.AlreadyAuthenticated);
      return;
    }
    // opcodes, 4004 "The account token sent with your identify payload is incorrect".
    if (d.token !== this.token) {
      this.closeWith(connection, Close.AuthenticationFailed);
      return;
    }
    const refused = this.refuseNextIdentify;
    if (refused !== undefined) {
      this.refuseNextIdentify = undefined;
      this.closeWith(connection, refused);
      return;
    }
    const intentsClose = intentsVerdict(d.intents, this.options.privilegedIntents);
    if (intentsClose !== undefined) {
      this.closeWith(connection, intentsClose);
      return;
    }
    const shard = shardVerdict(d.shard);
    if (typeof shard === "number") {
      this.closeWith(connection, shard);
      return;
    }
    // opcodes, 4011 "The session would have handled too many guilds".
    if (this.guildsOf(shard).length > MAX_GUILDS_PER_SHARD) {
      this.closeWith(connection, Close.ShardingRequired);
      return;
    }
    // gateway.mdx, "Max Concurrency" and "Rate Limiting": one identify per bucket per 5 s, else op 9.
    const key = rateLimitKey(shard[0], this.options.maxConcurrency);
    const now = Date.now();
    const last = this.lastIdentifyAt.get(key);
    if (last !== undefined && now - last < IDENTIFY_WINDOW_MS) {
      this.send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // gateway.mdx, "Identifying": past the daily limit "all active sessions for the app will be terminated, the bot
    // token will be reset". Discord does not say with which close code; the fake uses 4004, the token being dead.
    if (this.remaining <= 0) {
      this.token = `${this.options.token}-reset`;
      for (const c of [...this.connections]) this.closeWith(c, Close.AuthenticationFailed);
      return;
    }
    this.remaining -= 1;
    this.lastIdentifyAt.set(key, now);
    this.identifyCount += 1;
    this.identifiedShards.push(shard);
    const session: Session = {
      id: `fake-session-${this.identifyCount}`,
      shard,
      intents: d.intents as number,
      seq: 0,
      log: [],
      connection,
    };
    this.sessions.set(session.id, session);
    connection.session = session;
    const guilds = this.guildsOf(shard);
    this.dispatchTo(session, "READY", {
      v: 10,
      user: this.options.botUser,
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.resumeGatewayUrl(),
      shard,
      application: { id: this.options.botUser.id, flags: 0 },
    });
    for (const g of guilds) this.dispatchTo(session, "GUILD_CREATE", guildCreatePayload(g));
  }

  private resume(connection: Connection, d: Record<string, unknown>): void {
    if (connection.session) {
      this.closeWith(connection, Close.AlreadyAuthenticated);
      return;
    }
    if (d.token !== this.token) {
      this.closeWith(connection, Close.AuthenticationFailed);
      return;
    }
    const session = typeof d.session_id === "string" ? this.sessions.get(d.session_id) : undefined;
    // gateway.mdx, "Resuming": a session that cannot be resumed gets "Invalid Session (opcode 9)" with `d` false.
    if (!session) {
      this.send(connection, { op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // opcodes, 4007 "The sequence sent when resuming the session was invalid": one the session never reached.
    if (typeof d.seq !== "number" || !Number.isInteger(d.seq) || d.seq < 0 || d.seq > session.seq) {
      this.closeWith(connection, Close.InvalidSeq);
      return;
    }
    const previous = session.connection;
    session.connection = connection;
    connection.session = session;
    if (previous && previous !== connection) previous.ws.terminate();
    this.resumedOn.push(connection.via);
    // gateway.mdx, "Preparing to Resume": "the Gateway will send the missed events in order, finishing with a Resumed".
    for (const entry of session.log.filter((e) => e.s > (d.seq as number)))
      this.send(connection, { op: Op.Dispatch, ...entry });
    this.dispatchTo(session, "RESUMED", {});
  }

  /** gateway.mdx, "Sharding Formula": the guilds a `[shard_id, num_shards]` session receives. */
  private guildsOf([id, count]: [number, number]): FakeGuild[] {
    return this.options.guilds.filter((g) => shardOf(g.id, count) === id);
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const entry = { s: session.seq, t, d };
    session.log.push(entry);
    if (session.connection) this.send(session.connection, { op: Op.Dispatch, ...entry });
  }

  /**
   * A guild's event goes to each session whose shard holds the guild (gateway.mdx, "Sharding Formula") and that asked
   * for the event's intent (gateway.mdx, "Gateway Intents": "If you do not specify an intent when identifying, you
   * will not receive any of the Gateway events associated with that intent"): GUILD_* need GUILDS, VOICE_STATE_UPDATE
   * needs GUILD_VOICE_STATES ("List of Intents").
   */
  dispatchForGuild(guildId: string, t: string, d: unknown): void {
    const intent = t === "VOICE_STATE_UPDATE" ? Intent.GUILD_VOICE_STATES : Intent.GUILDS;
    for (const session of this.sessions.values())
      if (shardOf(guildId, session.shard[1]) === session.shard[0] && (session.intents & intent) !== 0)
        this.dispatchTo(session, t, d);
  }

  requireConnected(): void {
    if (![...this.connections].some((c) => c.session))
      throw new FakeGatewayError("NOT_CONNECTED", "No client is connected; wait for clientReady first.");
  }

  invalidate(resumable: boolean): void {
    for (const c of this.identified()) {
      const session = c.session as Session;
      // The connection is no longer authenticated: the client resumes or identifies on it.
      c.session = undefined;
      session.connection = undefined;
      if (!resumable) this.sessions.delete(session.id);
      this.send(c, { op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  closeAll(code: number): void {
    for (const c of this.identified()) this.closeWith(c, code);
  }

  requestHeartbeat(): void {
    for (const c of this.identified()) this.send(c, { op: Op.Heartbeat, d: null });
  }

  reconnect(): void {
    for (const c of this.identified()) this.send(c, { op: Op.Reconnect, d: null });
  }

  zombie(): void {
    for (const c of this.identified()) {
      c.zombie = true;
      clearTimeout(c.heartbeatTimer);
      if (c.session) c.session.connection = undefined;
    }
  }

  stop(): void {
    for (const c of this.connections) clearTimeout(c.heartbeatTimer);
  }

  private identified(): Connection[] {
    return [...this.connections].filter((c) => c.session !== undefined && !c.zombie);
  }

  /**
   * gateway.mdx, "Heartbeat Interval": "If your app fails to send a heartbeat event in time, your connection will be
   * closed and you will be forced to Resume". No close code is documented; the fake drops the TCP connection, which
   * the client sees as a close without a code ("Resuming": "disconnected but doesn't receive any close code").
   */
  private armHeartbeatDeadline(connection: Connection): void {
    clearTimeout(connection.heartbeatTimer);
    connection.heartbeatTimer = setTimeout(() => {
      if (!connection.zombie) connection.ws.terminate();
    }, heartbeatDeadlineMs(this.options.heartbeatIntervalMs));
    connection.heartbeatTimer.unref();
  }

  private closeWith(connection: Connection, code: number): void {
    const session = connection.session;
    if (session && SESSION_ENDING.has(code)) this.sessions.delete(session.id);
    if (session?.connection === connection) session.connection = undefined;
    connection.session = undefined;
    clearTimeout(connection.heartbeatTimer);
    connection.ws.close(code, "fake gateway close");
  }

  private send(connection: Connection, payload: unknown): void {
    if (connection.zombie) return;
    if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(JSON.stringify(payload));
  }
}
