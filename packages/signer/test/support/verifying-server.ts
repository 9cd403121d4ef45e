import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SigV4VerificationError } from "../../src/sigv4-verification-error.js";
import { verify } from "../../src/verify.js";

export const TEST_CREDENTIALS = {
  accessKeyId: "AKIDSTEPCORDTEST",
  secretAccessKey: "test/secret+key=",
} as const;
export const TEST_TOKEN_CREDENTIALS = {
  accessKeyId: "ASIASTEPCORDTEST",
  secretAccessKey: "session/secret",
  sessionToken: "token+/=abc",
} as const;

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  readonly status: number;
}

export interface VerifyingServer {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** A local API Gateway stand-in: verifies SigV4 like AWS and answers 200 with what it saw, or 403 with AWS's message. */
export async function startVerifyingServer(
  options: { now?: () => Date; region?: string; service?: string; unavailableFirst?: number } = {},
): Promise<VerifyingServer> {
  let unavailable = options.unavailableFirst ?? 0;
  const seen: SeenRequest[] = [];
  const keys = new Map<
    string,
    { secretAccessKey: string; sessionToken?: string; principal: { user: string } }
  >([
    [
      TEST_CREDENTIALS.accessKeyId,
      { secretAccessKey: TEST_CREDENTIALS.secretAccessKey, principal: { user: "tester" } },
    ],
    [
      TEST_TOKEN_CREDENTIALS.accessKeyId,
      {
        secretAccessKey: TEST_TOKEN_CREDENTIALS.secretAccessKey,
        sessionToken: TEST_TOKEN_CREDENTIALS.sessionToken,
        principal: { user: "session" },
      },
    ],
  ]);
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const now = options.now?.() ?? new Date();
    res.setHeader("Date", now.toUTCString());
    res.setHeader("Content-Type", "application/json");
    if (unavailable > 0) {
      unavailable -= 1;
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: body.toString("utf8"),
        status: 503,
      });
      res.statusCode = 503;
      res.end(JSON.stringify({ message: "Service Unavailable" }));
      return;
    }
    try {
      const result = await verify(
        { method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers, body },
        {
          lookup: async (id) => keys.get(id),
          now,
          region: options.region ?? "us-east-1",
          service: options.service ?? "execute-api",
        },
      );
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: body.toString("utf8"),
        status: 200,
      });
      res.end(JSON.stringify({ principal: result.principal, body: body.toString("utf8") }));
    } catch (error) {
      const status = error instanceof SigV4VerificationError ? error.status : 500;
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: body.toString("utf8"),
        status,
      });
      if (error instanceof SigV4VerificationError) res.setHeader("x-amzn-ErrorType", error.awsErrorType);
      res.statusCode = status;
      res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
