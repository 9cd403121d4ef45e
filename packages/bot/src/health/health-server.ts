import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Health {
  ready: boolean;
  outboxDepth: number;
  lastDeliveryAt: string | null;
  /** Why the bot is not ready, when it knows: e.g. Discord's 429 it is waiting out. */
  reason?: string;
}

/** GET /healthz → JSON {ready, outboxDepth, lastDeliveryAt, reason?}; 503 until ready. */
export async function startHealthServer(
  port: number,
  health: () => Health,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" || req.url !== "/healthz") {
      res.writeHead(404).end();
      return;
    }
    const h = health();
    res.writeHead(h.ready ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(h));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
