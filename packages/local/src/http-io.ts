import type { IncomingMessage, ServerResponse } from "node:http";

/** Reads a request body fully; API Gateway caps payloads at 10 MB, so do we. */
export async function readBody(request: IncomingMessage, limitBytes = 10 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new RangeError(`request body exceeds ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
