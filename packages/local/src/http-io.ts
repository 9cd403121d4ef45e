import type { IncomingMessage, ServerResponse } from "node:http";

/** API Gateway's payload quota for HTTP APIs: 10 MB (API Gateway developer guide, "Quotas for HTTP APIs"). */
export const API_GATEWAY_PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

/** A body over the payload quota; answered 413 with the connection closed, as API Gateway does. */
export class PayloadTooLargeError extends Error {
  override readonly name = "PayloadTooLargeError";
  readonly code = "STEPCORD_LOCAL_PAYLOAD_TOO_LARGE";
  constructor(readonly limitBytes: number) {
    super(`The request body exceeds ${limitBytes} bytes; send a smaller body.`);
  }
}

/**
 * Reads a request body fully, up to `limitBytes`. Past the limit it keeps reading but drops the bytes, so the answer
 * can be written after the upload ends instead of into a socket the client is still writing to.
 */
export async function readBody(
  request: IncomingMessage,
  limitBytes = API_GATEWAY_PAYLOAD_LIMIT_BYTES,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limitBytes) chunks.push(chunk as Buffer);
  }
  if (size > limitBytes) throw new PayloadTooLargeError(limitBytes);
  return Buffer.concat(chunks);
}

/**
 * API Gateway's answer to a body over its quota: 413 `{"message":"Request Entity Too Large"}`, and the connection
 * closed rather than kept alive for a client whose framing can no longer be trusted.
 */
export function sendPayloadTooLarge(response: ServerResponse): void {
  sendJson(response, 413, { message: "Request Entity Too Large" }, { connection: "close" });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** API Gateway's error answers: `{"message": ...}` with `x-amzn-ErrorType`. */
export function sendAwsError(
  response: ServerResponse,
  status: number,
  errorType: string,
  message: string,
): void {
  sendJson(response, status, { message }, { "x-amzn-errortype": errorType });
}
