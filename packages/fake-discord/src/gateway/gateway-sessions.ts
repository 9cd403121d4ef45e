import type { WebSocket } from "ws";
import { FakeGatewayError } from "./fake-gateway-error.js";
import { type FakeGuild, guildCreatePayload } from "./fake-guild.js";
import { type ConnectionHandler, GatewayConnection, type Session } from "./gateway-connection.js";
import {
  Close,
  type CloseCode,
  GATEWAY_VERSIONS,
  Intent,
  intentsVerdict,
  MAX_GUILDS_PER_SHARD,
  Op,
  type PrivilegedIntent,
  shardOf,
  shardVerdict,
} from "./gateway-protocol.js";
import { IdentifyLimits } from "./identify-limits.js";

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
export class GatewaySessions implements ConnectionHandler {
  token: string;
  refuseNextIdentify: CloseCode | undefined;
  identifyCount = 0;
  heartbeatCount = 0;
  readonly resumedOn: Array<"gateway" | "resume"> = [];
  readonly identifiedShards: Array<[number, number]> = [];
  /** The `shard` of each IDENTIFY refused with op 9 for its max_concurrency bucket, whichever connection sent it. */
  readonly concurrencyRefusedShards: Array<[number, number]> = [];
  /** The query of each connection: `v`, `encoding` and `compress` as the client sent them. */
  readonly connectQueries: Array<Record<string, string>> = [];
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<GatewayConnection>();
  /** Last accepted identify per rate-limit key (gateway.mdx, "Max Concurrency"). */
  private readonly limits: IdentifyLimits;

  constructor(private readonly options: GatewaySessionsOptions) {
    this.token = options.token;
    this.limits = new IdentifyLimits(options.sessionStartLimit, options.maxConcurrency);
  }

  /** gateway.mdx, "Session Start Limit Structure". */
  limit() {
    return this.limits.snapshot();
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
    this.connections.add(new GatewayConnection(ws, via, this.options.heartbeatIntervalMs, this));
  }

  heartbeat(): void {
    this.heartbeatCount += 1;
  }

  unauthenticated(connection: GatewayConnection): void {
    this.closeWith(connection, Close.NotAuthenticated);
  }

  closed(connection: GatewayConnection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (session?.connection === connection) session.connection = undefined;
    // gateway.mdx, "Initiating a Disconnect": "When you close the connection to the gateway with close code 1000 or
    // 1001, your session will be invalidated"; any other close keeps it for a resume.
    if (session && (code === 1000 || code === 1001)) this.sessions.delete(session.id);
  }

  /**
   * The checks IDENTIFY and RESUME share; false when the connection was closed. opcodes-and-status-codes: 4005 "You
   * sent more than one identify payload", 4004 "The account token sent with your identify payload is incorrect".
   */
  private acceptsToken(connection: GatewayConnection, d: Record<string, unknown>): boolean {
    if (connection.session) {
      this.closeWith(connection, Close.AlreadyAuthenticated);
      return false;
    }
    if (d.token !== this.token) {
      this.closeWith(connection, Close.AuthenticationFailed);
      return false;
    }
    return true;
  }

  identify(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (!this.acceptsToken(connection, d)) return;
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
    const admission = this.limits.admit(shard[0]);
    // gateway.mdx, "Max Concurrency" and "Rate Limiting": one identify per bucket per 5 s, else op 9.
    if (admission === "concurrency") {
      this.concurrencyRefusedShards.push(shard);
      connection.send({ op: Op.InvalidSession, d: false, s: null, t: null });
      return;
    }
    // gateway.mdx, "Identifying": past the daily limit "all active sessions for the app will be terminated, the bot
    // token will be reset". Discord does not say with which close code; the fake uses 4004, the token being dead.
    if (admission === "exhausted") {
      this.token = `${this.options.token}-reset`;
      for (const c of [...this.connections]) this.closeWith(c, Close.AuthenticationFailed);
      return;
    }
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

  resume(connection: GatewayConnection, d: Record<string, unknown>): void {
    if (!this.acceptsToken(connection, d)) return;
    const session = typeof d.session_id === "string" ? this.sessions.get(d.session_id) : undefined;
    // gateway.mdx, "Resuming": a session that cannot be resumed gets "Invalid Session (opcode 9)" with `d` false.
    if (!session) {
      connection.send({ op: Op.InvalidSession, d: false, s: null, t: null });
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
      connection.send({ op: Op.Dispatch, ...entry });
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
    if (session.connection) session.connection.send({ op: Op.Dispatch, ...entry });
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

  /**
   * A dispatch no intent gates, to the session of the guild's shard: INTERACTION_CREATE is under no intent in
   * gateway.mdx's "List of Intents", so an app receives it whatever it identified with.
   */
  dispatchUngated(guildId: string, t: string, d: unknown): void {
    for (const session of this.sessions.values())
      if (shardOf(guildId, session.shard[1]) === session.shard[0]) this.dispatchTo(session, t, d);
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
      c.send({ op: Op.InvalidSession, d: resumable, s: null, t: null });
    }
  }

  closeAll(code: number): void {
    for (const c of this.identified()) this.closeWith(c, code);
  }

  requestHeartbeat(): void {
    for (const c of this.identified()) c.send({ op: Op.Heartbeat, d: null });
  }

  reconnect(): void {
    for (const c of this.identified()) c.send({ op: Op.Reconnect, d: null });
  }

  zombie(): void {
    for (const c of this.identified()) {
      c.goSilent();
      if (c.session) c.session.connection = undefined;
    }
  }

  stop(): void {
    for (const c of this.connections) c.stop();
  }

  private identified(): GatewayConnection[] {
    return [...this.connections].filter((c) => c.session !== undefined && !c.zombie);
  }

  private closeWith(connection: GatewayConnection, code: number): void {
    const session = connection.session;
    if (session && SESSION_ENDING.has(code)) this.sessions.delete(session.id);
    if (session?.connection === connection) session.connection = undefined;
    connection.session = undefined;
    connection.close(code);
  }
}
