import type { WebSocket } from "ws";
import {
  CLIENT_OPCODES,
  Close,
  heartbeatDeadlineMs,
  Op,
  SEND_LIMIT,
  SEND_WINDOW_MS,
} from "./gateway-protocol.js";

export interface Dispatch {
  s: number;
  t: string;
  d: unknown;
}

/** A gateway session: it outlives its connection, so a RESUME can replay its log on a new one. */
export interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  /** Every dispatch of the session, for a resume to replay. */
  log: Dispatch[];
  connection: GatewayConnection | undefined;
}

/** What a connection hands on once a payload has passed its framing rules. */
export interface ConnectionHandler {
  identify(connection: GatewayConnection, d: Record<string, unknown>): void;
  resume(connection: GatewayConnection, d: Record<string, unknown>): void;
  heartbeat(): void;
  /** A payload that needs a session; the connection has none. */
  unauthenticated(connection: GatewayConnection): void;
  closed(connection: GatewayConnection, code: number): void;
}

/**
 * One WebSocket connection and the rules that hold per connection: HELLO first, the heartbeat deadline and ACKs, the
 * send limit, decoding and opcodes (gateway.mdx, "Connections" and "Rate Limiting"; opcodes-and-status-codes.mdx).
 */
export class GatewayConnection {
  session: Session | undefined;
  /** Silent: answers nothing and delivers nothing, as a half-open TCP connection. */
  zombie = false;
  /** When each payload the client sent arrived, for the 120-per-60-s limit. */
  private sentAt: number[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    readonly via: "gateway" | "resume",
    private readonly heartbeatIntervalMs: number,
    private readonly handler: ConnectionHandler,
  ) {
    // gateway.mdx, "Hello Event": sent on connect with `heartbeat_interval`.
    this.send({ op: Op.Hello, d: { heartbeat_interval: heartbeatIntervalMs }, s: null, t: null });
    this.armHeartbeatDeadline();
    ws.on("close", (code) => {
      clearTimeout(this.heartbeatTimer);
      handler.closed(this, code);
    });
    ws.on("message", (raw) => this.receive(String(raw)));
  }

  send(payload: unknown): void {
    if (this.zombie) return;
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(payload));
  }

  close(code: number): void {
    clearTimeout(this.heartbeatTimer);
    this.ws.close(code, "fake gateway close");
  }

  goSilent(): void {
    this.zombie = true;
    clearTimeout(this.heartbeatTimer);
  }

  stop(): void {
    clearTimeout(this.heartbeatTimer);
  }

  private receive(raw: string): void {
    if (this.zombie) return;
    // gateway.mdx, "Rate Limiting": 120 events per connection per 60 s, "immediately disconnected" (4008).
    const now = Date.now();
    this.sentAt = this.sentAt.filter((at) => now - at < SEND_WINDOW_MS);
    this.sentAt.push(now);
    if (this.sentAt.length > SEND_LIMIT) {
      this.close(Close.RateLimited);
      return;
    }
    const msg = parse(raw);
    // opcodes, 4002 "You sent an invalid payload to Discord".
    if (msg === undefined) this.close(Close.DecodeError);
    // opcodes, 4001 "You sent an invalid Gateway opcode".
    else if (typeof msg.op !== "number" || !CLIENT_OPCODES.has(msg.op)) this.close(Close.UnknownOpcode);
    else if (msg.op === Op.Heartbeat) {
      this.handler.heartbeat();
      this.armHeartbeatDeadline();
      // gateway.mdx, "Heartbeat Interval": "Discord will respond with a Heartbeat ACK (opcode 11)".
      this.send({ op: Op.HeartbeatAck });
    } else {
      const d = (typeof msg.d === "object" && msg.d !== null ? msg.d : {}) as Record<string, unknown>;
      if (msg.op === Op.Identify) this.handler.identify(this, d);
      else if (msg.op === Op.Resume) this.handler.resume(this, d);
      // opcodes, 4003 "You sent us a payload prior to identifying".
      else if (!this.session) this.handler.unauthenticated(this);
    }
  }

  /**
   * gateway.mdx, "Heartbeat Interval": "If your app fails to send a heartbeat event in time, your connection will be
   * closed and you will be forced to Resume". No close code is documented; the fake drops the TCP connection, which
   * the client sees as a close without a code ("Resuming": "disconnected but doesn't receive any close code").
   */
  private armHeartbeatDeadline(): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      if (!this.zombie) this.ws.terminate();
    }, heartbeatDeadlineMs(this.heartbeatIntervalMs));
    this.heartbeatTimer.unref();
  }
}

function parse(raw: string): { op?: unknown; d?: unknown } | undefined {
  try {
    return JSON.parse(raw) as { op?: unknown; d?: unknown };
  } catch {
    return undefined;
  }
}
