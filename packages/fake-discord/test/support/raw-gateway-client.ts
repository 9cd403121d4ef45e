import { WebSocket } from "ws";

export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

/** A bare gateway client: sends exactly what a test says, records what the fake sends and how it closed. */
export class RawGatewayClient {
  readonly received: GatewayPayload[] = [];
  closeCode: number | undefined;
  private readonly ws: WebSocket;
  private readonly opened: Promise<void>;
  private readonly closed: Promise<number>;

  constructor(url: string, query = "v=10&encoding=json") {
    this.ws = new WebSocket(`${url}/?${query}`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
    });
    this.closed = new Promise((resolve) =>
      this.ws.once("close", (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.ws.on("message", (raw) => this.received.push(JSON.parse(String(raw)) as GatewayPayload));
  }

  static async connect(url: string, query?: string): Promise<RawGatewayClient> {
    const client = new RawGatewayClient(url, query);
    await client.opened;
    return client;
  }

  send(payload: unknown): void {
    this.ws.send(typeof payload === "string" ? payload : JSON.stringify(payload));
  }

  identify(token: string, d: Record<string, unknown> = {}): void {
    this.send({ op: 2, d: { token, intents: (1 << 0) | (1 << 7), properties: {}, ...d } });
  }

  /** The close code, once the fake has closed the connection. */
  closedWith(): Promise<number> {
    return this.closed;
  }

  dispatches(): GatewayPayload[] {
    return this.received.filter((p) => p.op === 0);
  }

  async next(predicate: (p: GatewayPayload) => boolean, withinMs = 10_000): Promise<GatewayPayload> {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no payload matching ${predicate} within ${withinMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(code = 4000): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(code);
  }
}
