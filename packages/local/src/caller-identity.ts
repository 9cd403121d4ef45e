import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verify } from "@stepcord/signer";
import type { LocalIdentity } from "./local-account.js";

/**
 * Verifies a received request's SigV4 signature against the local identities and returns who signed it. Throws the
 * signer's SigV4VerificationError, whose message and status are AWS's.
 */
export async function callerIdentity(
  request: IncomingMessage,
  body: Buffer,
  options: {
    identities: readonly LocalIdentity[];
    region: string;
    service: string;
    now?: (() => Date) | undefined;
    /** API Gateway's kind: an HTTP API answers an unsigned call `Forbidden`, a REST API `Missing Authentication Token`. */
    apiType?: "REST" | "HTTP" | undefined;
  },
): Promise<LocalIdentity> {
  const verified = await verify<LocalIdentity>(
    { method: request.method ?? "GET", url: request.url ?? "/", headers: request.rawHeaders, body },
    {
      region: options.region,
      service: options.service,
      ...(options.now ? { now: options.now } : {}),
      ...(options.apiType ? { apiType: options.apiType } : {}),
      lookup: async (accessKeyId) => {
        const known = options.identities.find((identity) => identity.accessKeyId === accessKeyId);
        return (
          known && {
            secretAccessKey: known.secretAccessKey,
            sessionToken: known.sessionToken,
            principal: known,
          }
        );
      },
    },
  );
  return verified.principal as LocalIdentity;
}

/** Listens on host:port (0 = a free port) and returns the base URL and a close that drops open connections. */
export async function listen(server: Server, host = "127.0.0.1", port = 0) {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
