import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@stepcord/signer";

/** The only key the stand-ins accept; the bot under test signs with it. */
export const TEST_CREDENTIALS = { accessKeyId: "AKIDSTEPCORDTEST", secretAccessKey: "test-secret-key" };

/** A request as the stand-ins read it: its whole body, and its headers as they came (for the signature). */
export interface ReadRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  /** The headers as node parsed them (lower-case names). */
  headers: IncomingHttpHeaders;
  body: string;
}

/** Resolves when `request` is SigV4-signed with TEST_CREDENTIALS for `service` in eu-west-1; rejects otherwise. */
export function verifyTestSignature(request: ReadRequest, service: string): Promise<unknown> {
  return verify(
    { method: request.method, url: request.url, headers: request.rawHeaders, body: request.body },
    {
      region: "eu-west-1",
      service,
      lookup: async (id) =>
        id === TEST_CREDENTIALS.accessKeyId
          ? { secretAccessKey: TEST_CREDENTIALS.secretAccessKey }
          : undefined,
    },
  );
}

/** An HTTP server on a free loopback port that hands `handle` each request once its body has been read. */
export async function listenReadingBodies(
  handle: (request: ReadRequest, res: ServerResponse) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      handle(
        {
          method: req.method ?? "POST",
          url: req.url ?? "/",
          rawHeaders: req.rawHeaders,
          headers: req.headers,
          body,
        },
        res,
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
}
